using System.Net;
using System.Net.Http.Json;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Registration;

/// <summary>A user who has not confirmed their address signs in and reads, but changes nothing on keys or webhooks:
/// 403 EMAIL_UNCONFIRMED from the API (the requirement) and from the services the dashboard calls (the same rule).</summary>
public sealed class EmailUnconfirmedTests(SharedPortal portal) : IDisposable
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();
    private readonly MailInbox _inbox = new();

    [Fact]
    public async Task Key_and_webhook_changes_are_refused_and_reads_are_not()
    {
        var (user, _) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;

        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", access,
            new { name = "k", scopes = new[] { "contacts:read" } })).AssertErrorAsync(HttpStatusCode.Forbidden, "EMAIL_UNCONFIRMED");
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/api-keys", access,
            new { name = "k", scopes = new[] { "contacts:read" } })).AssertErrorAsync(HttpStatusCode.Forbidden, "EMAIL_UNCONFIRMED");
        await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", access,
            new { url = "https://hooks.example.com/unconfirmed" })).AssertErrorAsync(HttpStatusCode.Forbidden, "EMAIL_UNCONFIRMED");
        await (await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/webhooks/{Guid.NewGuid()}", access))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "EMAIL_UNCONFIRMED");

        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", access)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/webhooks", access)).StatusCode);
    }

    [Fact]
    public async Task The_services_the_dashboard_calls_refuse_too()
    {
        var (user, _) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox);
        var caller = await user.SignedInCallerAsync(portal.Host);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var webhooks = scope.ServiceProvider.GetRequiredService<WebhookService>();
        await Assert.ThrowsAsync<EmailUnconfirmedException>(() =>
            keys.CreateAsync(caller, new NewApiKey("k", ["contacts:read"], null), ClientInfo.Unknown));
        await Assert.ThrowsAsync<EmailUnconfirmedException>(() => webhooks.CreateAsync(caller, "https://hooks.example.com/x", null));
    }

    [Fact]
    public async Task The_dashboard_shows_a_banner_with_a_resend_button_until_confirmed()
    {
        var (user, token) = await SignUpFlow.UnconfirmedAsync(portal.Host, _client, _inbox);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));
        Assert.Contains("data-testid=\"resend-confirmation\"", await PageAsync(cookie));
        await _client.PostAsJsonAsync("/v1/auth/confirm-email", new { token });
        Assert.DoesNotContain("data-testid=\"email-unconfirmed-banner\"", await PageAsync(cookie));
    }

    private async Task<string> PageAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/settings/api-keys");
        request.Headers.Add("Cookie", cookie);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        _client.Dispose();
        _inbox.Dispose();
    }
}
