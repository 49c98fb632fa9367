using Boltly.Features.Passkeys.Pages;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>Sudo mode on an interactive page: with the window closed, Create asks for the password first, refuses a
/// wrong one, and after the right one carries on to the create dialog the person asked for.</summary>
public sealed class ReauthenticationDialogTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    [Fact]
    public async Task With_a_fresh_sign_in_create_opens_at_once()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);
        Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]"));
    }

    [Fact]
    public async Task With_the_window_closed_create_asks_for_the_password_then_carries_on()
    {
        await ArrangeAsync();
        await TestSessions.CloseReauthenticationWindowAsync(Portal.Host, User.UserId);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();

        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click(); // not awaited: it awaits the dialogs
        providers.WaitForElement("[data-testid=reauth-dialog]");
        Assert.Empty(providers.FindAll("[data-testid=create-key-form]"));

        providers.Find("#reauth-password").Input("not-the-password");
        providers.Find("[data-testid=reauth-confirm]").Click();
        providers.WaitForAssertion(() => Assert.Contains("not right", providers.Find("[data-testid=reauth-error]").TextContent));
        Assert.Empty(providers.FindAll("[data-testid=create-key-form]"));

        providers.Find("#reauth-password").Input(User.Password);
        providers.Find("[data-testid=reauth-confirm]").Click();
        providers.WaitForElement("[data-testid=create-key-form]");
        Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]"));
        Assert.NotNull(await Portal.Host.Services.GetRequiredService<ReauthenticationWindow>().OpenUntilAsync(Owner));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_creates_nothing()
    {
        await ArrangeAsync();
        await TestSessions.CloseReauthenticationWindowAsync(Portal.Host, User.UserId);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();

        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click();
        providers.WaitForElement("[data-testid=reauth-dialog]");
        providers.Find("[data-testid=reauth-cancel]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]")));
        Assert.Empty(providers.FindAll("[data-testid=create-key-form]"));
    }

    [Fact]
    public async Task Without_a_passkey_the_dialog_offers_none()
    {
        await ArrangeAsync();
        await TestSessions.CloseReauthenticationWindowAsync(Portal.Host, User.UserId);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();

        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click();
        providers.WaitForElement("#reauth-password");
        Assert.Empty(providers.FindAll("[data-testid=passkey-reauthenticate]"));
    }

    [Fact]
    public async Task With_a_passkey_the_dialog_offers_it_and_carries_on_once_the_server_accepted_it()
    {
        await ArrangeAsync();
        await TestSessions.StorePasskeysAsync(Portal.Host, User.UserId, 1);
        await TestSessions.CloseReauthenticationWindowAsync(Portal.Host, User.UserId);
        var ceremony = JSInterop.Setup<PasskeyReauthentication.CeremonyResult>("boltlyPasskeys.reauthenticate", _ => true);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();

        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click();
        providers.WaitForElement("[data-testid=passkey-reauthenticate]").Click();
        // The authenticator said no: the dialog stays, with the reason.
        ceremony.SetResult(new PasskeyReauthentication.CeremonyResult(false, "The passkey was not accepted."));
        providers.WaitForAssertion(() => Assert.Contains("not accepted", providers.Find("[data-testid=passkey-reauthentication-error]").TextContent));
        Assert.Empty(providers.FindAll("[data-testid=create-key-form]"));

        var second = JSInterop.Setup<PasskeyReauthentication.CeremonyResult>("boltlyPasskeys.reauthenticate", _ => true);
        providers.Find("[data-testid=passkey-reauthenticate]").Click();
        // What /account/passkeys/reauthenticate does once the passkey verifies (PasskeyTests cover that endpoint).
        await Portal.Host.Services.GetRequiredService<ReauthenticationWindow>().OpenAsync(Owner, Xunit.TestContext.Current.CancellationToken);
        second.SetResult(new PasskeyReauthentication.CeremonyResult(true, null));
        providers.WaitForElement("[data-testid=create-key-form]");
        Assert.Empty(providers.FindAll("[data-testid=reauth-dialog]"));
    }
}
