using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>Members of a test account, one per role, made directly in the database (the invitation flow has its own tests).</summary>
public static class TestMembers
{
    public static async Task<TestUser> AddAsync(PortalHost host, Guid accountId, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@test.boltly.local";
        const string password = "Correct-Horse-Battery-9";
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, AccountId = accountId, Role = role, CreatedAt = DateTimeOffset.UtcNow };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return new TestUser(email, password, user.Id, accountId);
    }

    /// <summary>An account with its owner and one member of each other role, keyed by role.</summary>
    public static async Task<IReadOnlyDictionary<string, TestUser>> AccountWithEveryRoleAsync(PortalHost host)
    {
        var owner = await TestUser.CreateAsync(host);
        var members = new Dictionary<string, TestUser> { [MemberRoles.Owner] = owner };
        foreach (var role in MemberRoles.All.Where(r => r != MemberRoles.Owner))
            members[role] = await AddAsync(host, owner.AccountId, role);
        return members;
    }
}
