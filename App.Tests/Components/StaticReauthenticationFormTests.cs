using Boltly.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Components;

/// <summary>The statically rendered "confirm it's you" form (Settings → Security and its two-factor card) offers each way
/// the person has (docs/sessions.md): the password only if they have one, a code if two-factor is on, and the ways
/// features register for static pages (a passkey, which its component shows only to a person who has one) beside them.</summary>
public sealed class StaticReauthenticationFormTests : DashboardTestContext
{
    public StaticReauthenticationFormTests()
    {
        Services.AddSingleton(new StaticReauthenticationOption(typeof(PasskeyProbe), 20));
        SignIn();
    }

    [Fact]
    public void A_person_with_a_password_only_types_it()
    {
        ReauthenticationInput? confirmed = null;
        var cut = Render<ReauthenticationForm>(p => p.Add(c => c.Input, new ReauthenticationInput { PendingAction = "passkeys" })
            .Add(c => c.HasPassword, true).Add(c => c.CancelHref, "settings/security")
            .Add(c => c.OnConfirm, (ReauthenticationInput i) => confirmed = i));

        Assert.NotNull(cut.Find("[data-testid=reauth-form] #reauth-password"));
        Assert.Empty(cut.FindAll("#reauth-code"));
        Assert.Single(cut.FindAll("[data-testid=reauth-confirm]"));
        Assert.Single(cut.FindAll("[data-testid=reauth-cancel]"));
        // The registered way renders (it decides itself whether the person has a passkey), after the typed form.
        Assert.NotNull(cut.Find("[data-testid=reauth-typed-form] ~ [data-testid=passkey-probe]"));

        cut.Find("#reauth-password").Change("the password");
        cut.Find("[data-testid=reauth-typed-form]").Submit();
        Assert.Equal("the password", confirmed?.Password);
        Assert.Equal("passkeys", confirmed?.PendingAction);
    }

    [Fact]
    public void A_person_with_a_passkey_only_is_offered_the_passkey_and_no_form_to_type_in()
    {
        var cut = Render<ReauthenticationForm>(p => p.Add(c => c.Input, new ReauthenticationInput())
            .Add(c => c.HasPassword, false).Add(c => c.TwoFactorEnabled, false).Add(c => c.CancelHref, "settings/security"));

        Assert.NotNull(cut.Find("[data-testid=reauth-form] [data-testid=passkey-probe]"));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("#reauth-password"));
        Assert.Empty(cut.FindAll("#reauth-code"));
        Assert.Empty(cut.FindAll("[data-testid=reauth-confirm]"));
        Assert.Equal("settings/security", cut.Find("[data-testid=reauth-cancel]").GetAttribute("href"));
        Assert.Contains("sign in again", cut.Find("[data-testid=reauth-sign-in-again]").TextContent);
    }

    [Fact]
    public void A_person_with_a_passkey_and_two_factor_is_offered_the_code_and_the_passkey_but_no_password()
    {
        ReauthenticationInput? confirmed = null;
        var cut = Render<ReauthenticationForm>(p => p.Add(c => c.Input, new ReauthenticationInput { PendingAction = "disable" })
            .Add(c => c.FormName, "reauthenticate-two-factor").Add(c => c.HasPassword, false).Add(c => c.TwoFactorEnabled, true)
            .Add(c => c.CancelHref, "settings/security").Add(c => c.OnConfirm, (ReauthenticationInput i) => confirmed = i));

        Assert.Empty(cut.FindAll("#reauth-password"));
        Assert.Equal("Authentication or recovery code", cut.Find("label[for=reauth-code]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=passkey-probe]"));
        Assert.Single(cut.FindAll("[data-testid=reauth-cancel]"));

        cut.Find("#reauth-code").Change("654321");
        cut.Find("[data-testid=reauth-typed-form]").Submit();
        Assert.Equal("654321", confirmed?.Code);
        Assert.Equal("disable", confirmed?.PendingAction);
    }

    [Fact]
    public void A_person_with_a_password_and_two_factor_may_type_either()
    {
        var cut = Render<ReauthenticationForm>(p => p.Add(c => c.Input, new ReauthenticationInput())
            .Add(c => c.HasPassword, true).Add(c => c.TwoFactorEnabled, true));

        Assert.NotNull(cut.Find("#reauth-password"));
        Assert.Equal("or authentication or recovery code", cut.Find("label[for=reauth-code]").TextContent);
    }

    /// <summary>A registered static way to confirm, as the passkeys feature adds one.</summary>
    public sealed class PasskeyProbe : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "passkey-probe");
            builder.CloseElement();
        }
    }
}
