using System.Net;
using System.Net.Http.Json;
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
    public async Task After_the_seeder_resets_the_demo_password_a_token_issued_right_after_sign_in_works_at_once()
    {
        var email = $"demo-{Guid.NewGuid():N}@test.boltly.local";
        await using var host = await PortalHost.StartAsync(new PortalHost(Settings(email)) { Environment = "Development" });
        var client = host.CreateHttpClient();
        Assert.True(await SeedAsync(host));
        // A token in use: the stamp's digest is cached in memory and Redis.
        var before = await AccessTokenAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", before)).StatusCode);

        await ChangePasswordAsync(host, email); // behind the cache's back, as a previous run of the app would
        Assert.True(await SeedAsync(host));

        var after = await AccessTokenAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", after)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", before)).StatusCode);
    }

    private static async Task<string> AccessTokenAsync(HttpClient client, string email)
    {
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { email, password = DemoPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await response.JsonAsync())["access_token"]!;
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
