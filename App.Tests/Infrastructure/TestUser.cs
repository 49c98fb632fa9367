using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>A fresh account and owner for one test: no state is shared between tests.</summary>
public sealed record TestUser(string Email, string Password, Guid UserId, Guid AccountId)
{
    /// <summary>This user as the domain sees them just after signing in: a live session (its re-authentication window
    /// open, docs/sessions.md) of <paramref name="kind"/>, for tests that call services directly.</summary>
    public async Task<Caller> SignedInCallerAsync(PortalHost host, CredentialKind kind = CredentialKind.Cookie)
    {
        var sessionId = await host.Services.GetRequiredService<SessionService>().StartAsync(new NewSession(UserId, AccountId, Email,
            kind == CredentialKind.Jwt ? SessionKind.App : SessionKind.Browser, ClientInfo.Unknown));
        return new Caller(AccountId, UserId, kind, new HashSet<string>(), null) { SessionId = sessionId };
    }

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
