using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>A fresh account and owner for one test: no state is shared between tests.</summary>
public sealed record TestUser(string Email, string Password, Guid UserId, Guid AccountId)
{
    public static async Task<TestUser> CreateAsync(PortalHost host, string? accountName = null)
    {
        var email = $"user-{Guid.NewGuid():N}@test.boltly.local";
        const string password = "Correct-Horse-Battery-9";
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var account = new Account { Name = accountName ?? "Test account", CreatedAt = DateTimeOffset.UtcNow };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = account.Id, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return new TestUser(email, password, user.Id, account.Id);
    }
}
