using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>Session and passkey state a test arranges directly in the host (bUnit, API and E2E tests alike).</summary>
public static class TestSessions
{
    /// <summary>As if the user's sign-ins were an hour old: every one of their sessions is outside its re-authentication
    /// window, so the next sensitive action asks (docs/sessions.md).</summary>
    public static async Task CloseReauthenticationWindowAsync(PortalHost host, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sessions = await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync();
        await db.UserSessions.Where(s => s.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AuthenticatedAt, DateTimeOffset.UtcNow.AddHours(-1)));
        var store = host.Services.GetRequiredService<SessionStore>();
        foreach (var id in sessions) await store.ChangedAsync(id);
    }

    /// <summary>Stores <paramref name="count"/> passkeys for the user through Identity's store (as a ceremony would).</summary>
    public static async Task StorePasskeysAsync(PortalHost host, Guid userId, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var appUser = await users.FindByIdAsync(userId.ToString());
        for (var i = 0; i < count; i++)
        {
            var passkey = new UserPasskeyInfo(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(77), DateTimeOffset.UtcNow.AddSeconds(i),
                0, ["internal"], isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: [])
            { Name = $"Key {i + 1}" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(appUser!, passkey)).Succeeded);
        }
    }
}
