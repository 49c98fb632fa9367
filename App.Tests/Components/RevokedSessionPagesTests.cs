using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;
using SessionsPage = Boltly.Features.Sessions.Pages.Sessions;
using WebhooksPage = Boltly.Features.Webhooks.Pages.Webhooks;

namespace Boltly.Tests.Components;

/// <summary>
/// A page open when its session is revoked from another device can do nothing more (docs/sessions.md): each action
/// resolves its caller when it runs (CallerResolver), so the open page's buttons change nothing. One table over the
/// pages' actions, against the real services; the circuit itself is also closed by CircuitSessionGuard (App.E2E).
/// </summary>
public sealed class RevokedSessionPagesTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    public static TheoryData<string> Actions => ["sessions: sign out all other sessions", "sessions: revoke one",
        "webhooks: send test event", "api keys: create"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_of_a_page_whose_session_was_revoked_is_refused_and_changes_nothing(string action)
    {
        await ArrangeAsync();
        var sessions = Services.GetRequiredService<SessionService>();
        var store = Services.GetRequiredService<SessionStore>();
        var providers = RenderProviders();
        switch (action)
        {
            case "sessions: sign out all other sessions":
            case "sessions: revoke one":
            {
                var other = await sessions.StartAsync(new NewSession(User.UserId, User.AccountId, User.Email, SessionKind.Browser, ClientInfo.Unknown));
                var cut = Render<SessionsPage>();
                cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=session-row]").Count));
                await RevokeThisSessionAsync();
                if (action.EndsWith("others", StringComparison.Ordinal)) cut.Find("[data-testid=revoke-others]").Click();
                else cut.Find($"[data-session-id='{other}'] [data-testid=revoke-session]").Click();
                await RefusedAsync();
                Assert.NotNull(await store.GetLiveAsync(other, User.UserId));
                break;
            }
            case "webhooks: send test event":
            {
                var created = await Services.GetRequiredService<WebhookService>().CreateAsync(Owner, "https://hooks.example.com/revoked", null);
                var cut = Render<WebhooksPage>();
                cut.WaitForElement("[data-testid=webhook-test]");
                await RevokeThisSessionAsync();
                cut.Find("[data-testid=webhook-test]").Click();
                await RefusedAsync();
                var deliveries = await Services.GetRequiredService<WebhookDeliveryService>().ListAsync(Owner, created.Subscription.Id, new PageRequest(10, null));
                Assert.Empty(deliveries!.Data);
                break;
            }
            case "api keys: create":
            {
                var cut = Render<ApiKeysPage>();
                var create = cut.WaitForElement("[data-testid=create-key]:not([disabled])");
                await RevokeThisSessionAsync();
                create.Click();
                await RefusedAsync();
                Assert.Empty(providers.FindAll("[data-testid=create-key-form]"));
                Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]"));
                Assert.Empty(await Service.ListAllAsync(Owner));
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    // The page says so in a snackbar (MudSnackbarProvider, not the dialog provider): read from the snackbar service.
    private async Task RefusedAsync()
    {
        var snackbar = Services.GetRequiredService<MudBlazor.ISnackbar>();
        for (var waited = 0; waited < 100; waited++)
        {
            if (snackbar.ShownSnackbars.Any(s => s.Message?.Contains("session has ended", StringComparison.Ordinal) == true)) return;
            await Task.Delay(100);
        }
        Assert.Fail("The page did not say the session had ended.");
    }

    // What "Revoke" on another device does: the session ends on the server; the page's principal still names it.
    private Task RevokeThisSessionAsync() =>
        Services.GetRequiredService<SessionService>().EndAsync(User.UserId, SessionId, SessionEndReasons.Revoked);
}
