using Boltly.Domain.Accounts;
using Boltly.Domain.Auth;
using Boltly.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Infrastructure.Hosting;

/// <summary>Creates the Development demo account ("Demo", owner demo@boltly.local) if it is missing.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, IOptions<SeedOptions> options, TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (await users.FindByEmailAsync(o.DemoEmail) is not null) return false;

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
}
