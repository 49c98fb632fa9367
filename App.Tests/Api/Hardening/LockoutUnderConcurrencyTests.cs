using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Hardening;

/// <summary>Lockout counts every guess, also when many arrive at once, and is checked before the secret
/// (docs/security.md): of 30 parallel guesses exactly the lockout's 5 are counted, the rest find it locked.</summary>
public sealed class LockoutUnderConcurrencyTests(SharedPortal shared)
{
    private const int Parallel = 30;
    private const int LockoutMaxFailures = 5;

    [Fact]
    public async Task Thirty_parallel_wrong_passwords_lock_the_account_and_the_right_password_is_refused()
    {
        var host = shared.Host;
        var user = await TestUser.CreateAsync(host);

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(i =>
            host.CreateHttpClient().PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = $"wrong-password-number-{i}" })));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));

        var right = await host.CreateHttpClient().PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        await right.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        var (checkedGuesses, refusedUnchecked, lockoutEnd) = await OutcomesAsync(host, user, "wrong password");
        Assert.Equal(LockoutMaxFailures, checkedGuesses);
        Assert.Equal(Parallel - LockoutMaxFailures + 1, refusedUnchecked); // refused as locked, the right password too
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), "locked for 15 minutes");
        TestContext.Current.TestOutputHelper?.WriteLine($"{Parallel} parallel wrong passwords: {checkedGuesses} counted as failures (the last one locks), {Parallel - checkedGuesses} refused as locked");
    }

    [Fact]
    public async Task An_unlocked_account_signs_in_after_a_few_failures_and_its_count_starts_again()
    {
        var host = shared.Host;
        var user = await TestUser.CreateAsync(host);
        var client = host.CreateHttpClient();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < LockoutMaxFailures - 1; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = "not-the-password" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
        }
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_account_whatever_the_address_and_whether_or_not_it_exists()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAccountPerWindow"] = "3",
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.boltly.local";
        host.Clock.AlignToWindowStart();
        foreach (var email in new[] { user.Email, unknown })
        {
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/auth/login", new { email, password = "not-the-password" })).StatusCode);
            // Case and spaces do not make a new account name.
            var throttled = await client.PostAsJsonAsync("/v1/auth/login", new { email = " " + email.ToUpperInvariant(), password = user.Password });
            await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        }
        // Another account from the same address is not affected.
        var other = await TestUser.CreateAsync(host);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/auth/login", new { email = other.Email, password = other.Password })).StatusCode);
    }

    /// <summary>How many guesses were counted (a failure or the lockout it caused), how many were refused as
    /// locked (never able to succeed), and the lockout's end.</summary>
    internal static async Task<(int Checked, int RefusedUnchecked, DateTimeOffset? LockoutEnd)> OutcomesAsync(PortalHost host, TestUser user, string detail)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == user.UserId).ToListAsync();
        var checkedGuesses = events.Count(e => e.Detail == detail && e.Type is "sign_in_failed" or "lockout");
        var refused = events.Count(e => e.Outcome == "blocked" && e.Type == "sign_in_failed");
        var end = await db.Users.Where(u => u.Id == user.UserId).Select(u => u.LockoutEnd).SingleAsync();
        return (checkedGuesses, refused, end);
    }
}
