using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Bench;

/// <summary>Creates a bench account with its owner and, for the many-users scenario (d2), more users, all with
/// the owner's password (the app seeds only its demo account, and only in Development).</summary>
public static class Seeding
{
    /// <summary>The email of the bench account's <paramref name="index"/>-th extra user.</summary>
    public static string UserEmail(string ownerEmail, int index) => $"u{index}.{ownerEmail}";

    public static async Task<int> SeedAsync(string postgres, string email, string password, int extraUsers)
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
        return 0;
    }
}
