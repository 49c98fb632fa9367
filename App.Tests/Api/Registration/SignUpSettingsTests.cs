using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Registration;

/// <summary>Sign-up turned off, and the per-address and per-email limits, each on a host of its own settings.</summary>
public sealed class SignUpSettingsTests
{
    // These short-lived hosts leave sending to the long-lived ones: a host stopped mid-send would hold its claimed
    // mail for a lease, and other tests wait for theirs.
    private const string NoMailWorker = "Email:Outbox:WorkerEnabled";

    [Fact]
    public async Task With_sign_up_off_the_api_answers_404_and_the_page_says_so()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Auth:AllowSignUp"] = "false", [NoMailWorker] = "false" }));
        using var client = host.CreateHttpClient();
        var response = await SignUpFlow.SignUpAsync(client, MailInbox.NewAddress("closed"));
        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var page = await client.GetStringAsync("/account/signup");
        Assert.Contains("data-testid=\"signup-closed\"", page);
        Assert.DoesNotContain("data-testid=\"signup-form\"", page);
    }

    [Fact]
    public async Task Mails_to_one_address_are_limited_whoever_asks()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:AccountMailPerRecipientPerWindow"] = "2",
            [NoMailWorker] = "false",
        }));
        host.Clock.AlignToWindowStart();
        using var client = host.CreateHttpClient();
        var email = MailInbox.NewAddress("limited");
        Assert.Equal(HttpStatusCode.Accepted, (await SignUpFlow.SignUpAsync(client, email)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/auth/password-reset", new { email })).StatusCode);
        var third = await SignUpFlow.SignUpAsync(client, email);
        await third.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.True(third.Headers.RetryAfter is not null);
        // Another address is not held back by it.
        Assert.Equal(HttpStatusCode.Accepted, (await SignUpFlow.SignUpAsync(client, MailInbox.NewAddress("other"))).StatusCode);
    }

    [Fact]
    public async Task Requests_from_one_address_are_limited()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:AccountMailPerWindow"] = "2",
            [NoMailWorker] = "false",
        }));
        host.Clock.AlignToWindowStart();
        using var client = host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/auth/password-reset", new { email = MailInbox.NewAddress("a") })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/auth/password-reset", new { email = MailInbox.NewAddress("b") })).StatusCode);
        await (await client.PostAsJsonAsync("/v1/auth/password-reset", new { email = MailInbox.NewAddress("c") }))
            .AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
    }
}
