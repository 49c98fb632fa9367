using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>An unknown email, a wrong password and a locked account answer exactly alike.</summary>
public sealed class SignInParityTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> LoginAsync(string email, string password)
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/login", new { email, password });
        return (response.StatusCode, response.Content.Headers.ContentType!.ToString(), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_account_are_byte_for_byte_alike()
    {
        var victim = await TestUser.CreateAsync(portal.Host);
        var other = await TestUser.CreateAsync(portal.Host);

        for (var i = 0; i < 5; i++) await LoginAsync(victim.Email, "wrong-password-" + i);
        var locked = await LoginAsync(victim.Email, victim.Password);
        var wrong = await LoginAsync(other.Email, "wrong-password-x");
        var unknown = await LoginAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.boltly.local", "whatever-password");

        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
        Assert.Equal(locked, wrong);
        Assert.Equal(locked, unknown);
        Assert.Equal("{\"error\":\"INVALID_CREDENTIALS\",\"message\":\"Invalid email or password.\"}", locked.Body);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lockout = await db.Users.Where(u => u.Id == victim.UserId).Select(u => u.LockoutEnd).SingleAsync();
        Assert.True(lockout > DateTimeOffset.UtcNow.AddMinutes(14), "locked for 15 minutes");
        Assert.Contains(await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == victim.UserId).Select(e => e.Type).ToListAsync(), t => t == "lockout");
    }

    [Fact]
    public async Task The_lockout_ends_after_fifteen_minutes()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = "nope-nope-nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password })).StatusCode);

        // Identity reads the wall clock for lockout (it takes no TimeProvider): move the lock's end instead.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var end = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.LockoutEnd).SingleAsync();
            Assert.InRange(end!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
            await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_throttled_per_client_address()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["RateLimits:SignInPerWindow"] = "3" }));
        var client = host.CreateHttpClient();
        host.Clock.AlignToWindowStart();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/auth/login", new { email = $"x{i}@test.boltly.local", password = "whatever-password" })).StatusCode);
        var throttled = await client.PostAsJsonAsync("/v1/auth/login", new { email = "x@test.boltly.local", password = "whatever-password" });
        await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.NotNull(throttled.Headers.RetryAfter);
    }
}
