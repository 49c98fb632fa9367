using Boltly.Components.Shared;
using Boltly.Features.Passwords.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Boltly.Tests.Components;

/// <summary>Settings → Password's card in each state (docs/passwords.md): a change (current password asked) for a user who
/// has a password; "Set a password" (no current password) for one who has none, once their session may; and, before
/// that, the ways to confirm it's you that features register for static pages.</summary>
public sealed class PasswordCardTests : DashboardTestContext
{
    private const string Strong = "tulip wrench galaxy murmur";

    public PasswordCardTests()
    {
        // The ways features register for static pages, as the host's container holds them (before the renderer starts).
        Services.AddSingleton(new StaticReauthenticationOption(typeof(ConfirmProbe), 1));
        SignIn();
    }

    [Fact]
    public void A_user_with_a_password_changes_it_giving_the_current_one()
    {
        PasswordChangeInput? submitted = null;
        var cut = Render<PasswordCard>(p => p.Add(c => c.HasPassword, true).Add(c => c.WindowOpen, true)
            .Add(c => c.OnChange, (PasswordChangeInput i) => submitted = i));

        Assert.Equal("change", cut.Find("[data-testid=password-card]").GetAttribute("data-state"));
        Assert.NotNull(cut.Find("#current-password"));
        Assert.Equal("Change password", cut.Find("[data-testid=change-password-submit]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=password-set-form]"));
        Assert.Empty(cut.FindAll("[data-testid=password-none]"));

        cut.Find("#new-password").Change(Strong);
        cut.Find("#confirm-password").Change(Strong);
        cut.Find("form").Submit();
        Assert.Contains("Enter your current password.", cut.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Null(submitted);
    }

    [Fact]
    public void A_user_without_a_password_sets_one_without_a_current_password_once_their_session_may()
    {
        PasswordSetInput? submitted = null;
        var cut = Render<PasswordCard>(p => p.Add(c => c.HasPassword, false).Add(c => c.WindowOpen, true)
            .Add(c => c.OnSet, (PasswordSetInput i) => submitted = i));

        Assert.Equal("set", cut.Find("[data-testid=password-card]").GetAttribute("data-state"));
        Assert.Contains("Set a password", cut.Find("h2").TextContent);
        Assert.NotNull(cut.Find("[data-testid=password-none]"));
        Assert.Empty(cut.FindAll("#current-password"));
        Assert.Empty(cut.FindAll("[data-testid=change-password-submit]"));
        Assert.Equal("Set password", cut.Find("[data-testid=set-password-submit]").TextContent.Trim());

        cut.Find("#new-password").Change(Strong);
        cut.Find("#confirm-password").Change("something else");
        cut.Find("[data-testid=password-set-form]").Submit();
        Assert.Contains("The new passwords do not match.", cut.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Null(submitted);

        cut.Find("#confirm-password").Change(Strong);
        cut.Find("[data-testid=password-set-form]").Submit();
        Assert.Equal(Strong, submitted?.NewPassword);
    }

    [Fact]
    public void A_user_without_a_password_outside_the_window_is_asked_to_confirm_first_with_the_registered_ways()
    {
        var cut = Render<PasswordCard>(p => p.Add(c => c.HasPassword, false).Add(c => c.WindowOpen, false)
            .Add(c => c.Error, "Your confirmation has expired."));

        Assert.Equal("confirm", cut.Find("[data-testid=password-card]").GetAttribute("data-state"));
        Assert.NotNull(cut.Find("[data-testid=password-set-confirm-first]"));
        Assert.Equal("Your confirmation has expired.", cut.Find("[data-testid=password-set-error]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=confirm-probe]"));
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("#new-password"));
    }

    [Fact]
    public void A_user_without_a_password_but_with_two_factor_may_confirm_with_a_code_too()
    {
        ReauthenticationInput? confirmed = null;
        var cut = Render<PasswordCard>(p => p.Add(c => c.HasPassword, false).Add(c => c.WindowOpen, false).Add(c => c.TwoFactorEnabled, true)
            .Add(c => c.OnConfirm, (ReauthenticationInput i) => confirmed = i));

        Assert.Equal("confirm", cut.Find("[data-testid=password-card]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll("#reauth-password"));
        Assert.Equal("Authentication or recovery code", cut.Find("label[for=reauth-code]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=confirm-probe]"));
        Assert.Empty(cut.FindAll("[data-testid=reauth-cancel]"));

        cut.Find("#reauth-code").Change("123456");
        cut.Find("[data-testid=reauth-typed-form]").Submit();
        Assert.Equal("123456", confirmed?.Code);
        Assert.Null(confirmed?.Password);
    }

    /// <summary>A registered way to confirm, as a feature would add one.</summary>
    public sealed class ConfirmProbe : ComponentBase
    {
        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "data-testid", "confirm-probe");
            builder.CloseElement();
        }
    }
}
