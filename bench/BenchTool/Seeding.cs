using Boltly.Features.ApiKeys;
using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Bench;

/// <summary>Creates a bench account with its owner and, for the many-users scenario (d2), more users, all with
/// the owner's password, and its keys (b1, b2, the 429 path) written straight to the database with the app's
/// own key format, one secret a line in <c>keysFile</c> (through the API, creates queue on the account's row
/// lock: minutes on a loaded machine). The app seeds only its demo account, and only in Development.</summary>
public static class Seeding
{
    /// <summary>The email of the bench account's <paramref name="index"/>-th extra user.</summary>
    public static string UserEmail(string ownerEmail, int index) => $"u{index}.{ownerEmail}";

    public static async Task<int> SeedAsync(string postgres, string email, string password, int extraUsers, int keys, string keysFile)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContext<AppDbContext>(o => DataServiceCollectionExtensions.Configure(o, postgres));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var account = new Account { Name = "Bench", CreatedAt = now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();

        // One hash for all: each user still signs in through the real password check.
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), password);
        foreach (var userEmail in Enumerable.Range(0, extraUsers).Select(i => UserEmail(email, i)).Prepend(email))
        {
            db.Users.Add(new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = userEmail,
                NormalizedUserName = userEmail.ToUpperInvariant(),
                Email = userEmail,
                NormalizedEmail = userEmail.ToUpperInvariant(),
                EmailConfirmed = true,
                AccountId = account.Id,
                CreatedAt = now,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            });
        }
        await db.SaveChangesAsync();

        if (keys == 0) return 0;
        var owner = db.Users.Local.Single(u => u.Email == email);
        db.ForAccount(account.Id);
        var secrets = new List<string>();
        for (var i = 0; i < keys; i++)
        {
            var generated = ApiKeyFormat.Generate();
            secrets.Add(generated.Secret);
            db.ApiKeys.Add(new ApiKey
            {
                AccountId = account.Id,
                Name = $"bench: key {i}",
                Prefix = generated.DisplayPrefix,
                KeyHash = generated.Hash,
                Scopes = ["contacts:read"],
                CreatedByUserId = owner.Id,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
        await File.WriteAllLinesAsync(keysFile, secrets);
        return 0;
    }
}
