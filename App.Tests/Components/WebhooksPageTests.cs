using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebhooksPage = Boltly.Features.Webhooks.Pages.Webhooks;

namespace Boltly.Tests.Components;

/// <summary>Developers → Webhooks against the real services on the test database (a fresh account per test).</summary>
public sealed class WebhooksPageTests(SharedPortal portal) : DashboardTestContext
{
    private Caller _owner = null!;
    private TestUser _user = null!;
    private Guid _sessionId;
    private AsyncServiceScope? _hostScope;

    // A fresh account, signed in a moment ago (its re-authentication window open).
    private async Task ArrangeAsync()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        _user = user;
        _hostScope = portal.Host.Services.CreateAsyncScope();
        Services.AddFallbackServiceProvider(_hostScope.Value.ServiceProvider);
        UseReauthenticationPrompt(_hostScope.Value.ServiceProvider);
        _sessionId = await portal.Host.Services.GetRequiredService<SessionService>().StartAsync(
            new NewSession(user.UserId, user.AccountId, user.Email, SessionKind.Browser, ClientInfo.Unknown));
        _owner = new Caller(user.AccountId, user.UserId, CredentialKind.Cookie, new HashSet<string>(), null) { SessionId = _sessionId };
        SignIn(user.Email, userId: user.UserId, accountId: user.AccountId, sessionId: _sessionId);
    }

    [Fact]
    public async Task With_the_window_closed_adding_an_endpoint_asks_first_and_cancelling_adds_nothing()
    {
        await ArrangeAsync();
        await TestSessions.CloseReauthenticationWindowAsync(portal.Host, _user.UserId);
        var providers = RenderProviders();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhooks-empty]");

        cut.Find("input#webhook-url").Change("https://hooks.example.com/sudo");
        cut.Find("input[data-testid='event-contact.created']").Change(true);
        cut.Find("[data-testid=webhook-create-form]").Submit();
        providers.WaitForElement("[data-testid=reauth-dialog]");
        providers.Find("[data-testid=reauth-cancel]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]")));
        Assert.Empty((await Services.GetRequiredService<WebhookService>().ListAsync(_owner, new PageRequest(10, null))).Data);

        cut.Find("[data-testid=webhook-create-form]").Submit();
        providers.WaitForElement("#reauth-password").Input(_user.Password);
        providers.Find("[data-testid=reauth-confirm]").Click();
        cut.WaitForElement("[data-testid=webhook-secret]");
        Assert.Single((await Services.GetRequiredService<WebhookService>().ListAsync(_owner, new PageRequest(10, null))).Data);
    }

    [Fact]
    public async Task With_the_window_closed_deleting_an_endpoint_asks_after_the_confirmation()
    {
        await ArrangeAsync();
        await Services.GetRequiredService<WebhookService>().CreateAsync(_owner, "https://hooks.example.com/delete-me", null);
        await TestSessions.CloseReauthenticationWindowAsync(portal.Host, _user.UserId);
        var providers = RenderProviders();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhook-delete]").Click();
        providers.WaitForElement(".mud-message-box");
        providers.FindAll(".mud-message-box button").Single(b => b.TextContent.Contains("Delete")).Click();
        providers.WaitForElement("[data-testid=reauth-dialog]");
        providers.Find("[data-testid=reauth-cancel]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]")));
        Assert.Single((await Services.GetRequiredService<WebhookService>().ListAsync(_owner, new PageRequest(10, null))).Data);
    }

    [Fact]
    public async Task Creating_an_endpoint_reveals_its_secret_once_and_lists_it()
    {
        await ArrangeAsync();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhooks-empty]");

        cut.Find("input#webhook-url").Change("https://hooks.example.com/boltly");
        cut.Find("input[data-testid='event-contact.created']").Change(true);
        cut.Find("[data-testid=webhook-create-form]").Submit();

        cut.WaitForElement("[data-testid=webhook-secret]");
        var secret = cut.Find("[data-testid=webhook-secret]").TextContent;
        Assert.StartsWith("whsec_", secret);
        var row = cut.WaitForElement("[data-testid=webhook-row]");
        Assert.Contains("https://hooks.example.com/boltly", row.TextContent);
        Assert.Contains("contact.created", row.TextContent);
        var stored = Assert.Single((await Services.GetRequiredService<WebhookService>().ListAsync(_owner, new PageRequest(10, null))).Data);
        Assert.Equal(["contact.created"], stored.Events);

        cut.Find("[data-testid=webhook-secret-done]").Click();
        Assert.Empty(cut.FindAll("[data-testid=webhook-secret]"));
        Assert.DoesNotContain(secret, cut.Markup);
    }

    [Fact]
    public async Task An_internal_url_shows_the_domain_refusal_on_the_field()
    {
        await ArrangeAsync();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhooks-empty]");
        cut.Find("input#webhook-url").Change("https://10.0.0.1/hook");
        cut.Find("[data-testid=webhook-create-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("not a public address", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=webhook-row]"));
    }

    [Fact]
    public async Task A_disabled_endpoint_is_marked_and_re_enabled_and_its_deliveries_listed()
    {
        await ArrangeAsync();
        var subscriptions = Services.GetRequiredService<WebhookService>();
        var deliveries = Services.GetRequiredService<WebhookDeliveryService>();
        var created = await subscriptions.CreateAsync(_owner, "https://hooks.example.com/disabled", null);
        await deliveries.SetEnabledAsync(_owner, created.Subscription.Id, enabled: false);
        await deliveries.TestAsync(_owner, created.Subscription.Id);

        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhook-disabled]");
        cut.Find("[data-testid=webhook-deliveries]").Click();
        var delivery = cut.WaitForElement("[data-testid=delivery-row]");
        Assert.Contains("ping", delivery.TextContent);
        // Its state is not asserted: a delivery test's worker running meanwhile may already have tried it.
        Assert.NotNull(delivery.GetAttribute("data-state"));

        cut.Find("[data-testid=webhook-enable]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=webhook-disabled]")));
        var after = Assert.Single((await subscriptions.ListAsync(_owner, new PageRequest(10, null))).Data);
        Assert.True(after.Enabled);
    }

    [Fact]
    public async Task Rotating_the_secret_shows_the_new_one_once_in_its_dialog_and_both_secrets_sign_meanwhile()
    {
        await ArrangeAsync();
        var created = await Services.GetRequiredService<WebhookService>().CreateAsync(_owner, "https://hooks.example.com/rotate", null);
        var providers = RenderProviders();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhook-rotate]").Click();
        providers.WaitForElement("[data-testid=rotate-secret-dialog]");
        providers.Find("[data-testid=rotate-secret-confirm]").Click();
        var secret = providers.WaitForElement("[data-testid=rotated-secret]").TextContent;
        Assert.StartsWith("whsec_", secret);
        Assert.NotEqual(created.SigningSecret, secret);
        Assert.Contains("keeps signing until", providers.Find("[data-testid=rotate-secret-warning]").TextContent);

        providers.Find("[data-testid=rotate-secret-done]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=rotate-secret-dialog]")));
        Assert.DoesNotContain(secret, providers.Markup + cut.Markup);
    }

    [Fact]
    public async Task Every_event_type_is_listed_with_a_sample_body()
    {
        await ArrangeAsync();
        var cut = Render<WebhooksPage>();
        cut.WaitForElement("[data-testid=webhooks-empty]");
        var listed = cut.FindAll("[data-testid=webhook-event-type]").Select(e => e.GetAttribute("data-type") ?? "");
        Assert.Equal(WebhookEvents.All.Append(WebhookEvents.Ping).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_hostScope is { } scope) await scope.DisposeAsync();
    }
}
