using Boltly.Hosting;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>The demo account run.sh prints: created when missing, its password put back in Development only.</summary>
public sealed class DemoSeederTests
{
    private const string DemoPassword = "Seeded-Demo-Password-42";

    [Fact]
    public async Task In_development_a_changed_demo_password_is_reset_to_the_configured_one()
    {
        var email = $"demo-{Guid.NewGuid():N}@test.boltly.local";
        await using var host = await PortalHost.StartAsync(new PortalHost(Settings(email)) { Environment = "Development" });

        Assert.True(await SeedAsync(host));
        Assert.False(await SeedAsync(host)); // the password still verifies: nothing to do
        await ChangePasswordAsync(host, email);
        Assert.False(await VerifiesAsync(host, email));

        Assert.True(await SeedAsync(host));
        Assert.True(await VerifiesAsync(host, email));
        Assert.False(await SeedAsync(host));
    }

    [Fact]
    public async Task Outside_development_a_changed_demo_password_is_left_alone()
    {
        var email = $"demo-{Guid.NewGuid():N}@test.boltly.local";
        await using var host = await PortalHost.StartAsync(new PortalHost(Settings(email)));

        // The E2E suite seeds its test host this way: a missing demo user is still created.
        Assert.True(await SeedAsync(host));
        Assert.True(await VerifiesAsync(host, email));
        await ChangePasswordAsync(host, email);

        Assert.False(await SeedAsync(host));
        Assert.False(await VerifiesAsync(host, email));
    }

    private static Dictionary<string, string?> Settings(string email) => new()
    {
        ["Seed:DemoEmail"] = email,
        ["Seed:DemoPassword"] = DemoPassword,
    };

    private static async Task<bool> SeedAsync(PortalHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    private static async Task ChangePasswordAsync(PortalHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.ChangePasswordAsync(user, DemoPassword, "tulip wrench galaxy murmur")).Succeeded);
    }

    private static async Task<bool> VerifiesAsync(PortalHost host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, DemoPassword);
    }
}
