using Boltly.Features.Auth;
using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Hosting;

/// <summary>
/// Creates the demo account ("Demo", owner demo@boltly.local) if it is missing; the app seeds it in
/// Development, the E2E suite on its test host. In Development only, it also puts the configured demo
/// password back when the demo user's password was changed, so the credential run.sh prints always
/// signs in: a documented password must never be set on a real deployment's user.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, SecurityStampChange stampChange, IOptions<SeedOptions> options,
    TimeProvider clock, IHostEnvironment environment, ILogger<DemoSeeder> logger)
{
    /// <summary>True when the demo user was created or its password reset. In Development it also makes the second demo
    /// account with one member of each role (<see cref="SeedTeamAsync"/>).</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (environment.IsDevelopment()) await SeedTeamAsync(ct);
        return await SeedDemoAsync(ct);
    }

    /// <summary>The second account ("Acme"): owner@, admin@, developer@ and viewer@ its domain, with the demo password, made
    /// once when its owner is missing.</summary>
    public async Task SeedTeamAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (await users.FindByEmailAsync(TeamEmail(o, MemberRoles.Owner)) is not null) return;
        var now = clock.GetUtcNow();
        var account = new Account { Name = o.TeamAccountName, CreatedAt = now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        foreach (var role in MemberRoles.All)
        {
            var email = TeamEmail(o, role);
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = account.Id, Role = role, CreatedAt = now };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, o.DemoPassword);
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Seeding {email} failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("Seeded the second demo account {Account} with one member of each role", o.TeamAccountName);
    }

    public static string TeamEmail(SeedOptions o, string role) => $"{role}@{o.TeamEmailDomain}";

    private async Task<bool> SeedDemoAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (await users.FindByEmailAsync(o.DemoEmail) is { } existing)
            return environment.IsDevelopment() && await ResetPasswordAsync(existing, o, ct);

        var now = clock.GetUtcNow();
        var account = new Account { Name = o.AccountName, CreatedAt = now };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);

        var user = new AppUser { UserName = o.DemoEmail, Email = o.DemoEmail, EmailConfirmed = true, AccountId = account.Id, CreatedAt = now };
        // The demo password is a documented development credential (issue: Demo-Password-123!). People's own
        // passwords go through the validators; this one is set as given, so the seed works with any blocklist.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, o.DemoPassword);
        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            db.Accounts.Remove(account);
            await db.SaveChangesAsync(ct);
            throw new InvalidOperationException("Seeding the demo user failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        logger.LogInformation("Seeded the demo account {Account} with owner {Email}", o.AccountName, o.DemoEmail);
        return true;
    }

    private async Task<bool> ResetPasswordAsync(AppUser user, SeedOptions o, CancellationToken ct)
    {
        if (user.PasswordHash is not null
            && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, o.DemoPassword) != PasswordVerificationResult.Failed)
            return false;
        // Set as given, like at creation; the new stamp ends the demo user's earlier sessions.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, o.DemoPassword);
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
            throw new InvalidOperationException("Resetting the demo user's password failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        // Like every stamp change: refresh tokens revoked and every instance forgets the old stamp, or the
        // tokens of the next sign-in are refused until the cached one expires.
        await stampChange.EndOtherSessionsAsync(user.Id, "demo password reset", ct);
        logger.LogInformation("Demo user {Email} reset to the configured demo credential", o.DemoEmail);
        return true;
    }
}
