using Boltly.Components.Shared;
using Boltly.Features.Passwords.Pages;
using Boltly.Features.TwoFactor.Pages;
using Bunit;
namespace Boltly.Tests.Components;

/// <summary>Settings → Security and Settings → Password, rendered without a server.</summary>
public sealed class SecuritySettingsTests : DashboardTestContext
{
    private static readonly TwoFactorSetup Setup = new("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
        "otpauth://totp/Boltly:a%40b.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Boltly", "<svg data-qr=\"1\"></svg>");

    public SecuritySettingsTests() => SignIn();

    [Fact]
    public void Off_offers_setup_only()
    {
        var cut = Render<TwoFactorPanel>(p => p.Add(c => c.Status, new TwoFactorStatus(false, false, 0)));
        Assert.Equal("off", cut.Find("[data-testid=two-factor-panel]").GetAttribute("data-state"));
        Assert.NotNull(cut.Find("[data-testid=two-factor-off]"));
        Assert.Equal("Set up two-factor authentication", cut.Find("[data-testid=setup-submit]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=enable-form]"));
        Assert.Empty(cut.FindAll("[data-testid=disable-form]"));
        Assert.Empty(cut.FindAll("[data-testid=qr-code]"));
    }

    [Fact]
    public void Setting_up_shows_the_qr_code_the_grouped_key_and_the_code_form()
    {
        var cut = Render<TwoFactorPanel>(p => p
            .Add(c => c.Status, new TwoFactorStatus(false, true, 0))
            .Add(c => c.Setup, Setup)
            .Add(c => c.Error, "That code is not valid."));
        Assert.Equal("setting-up", cut.Find("[data-testid=two-factor-panel]").GetAttribute("data-state"));
        Assert.NotNull(cut.Find("[data-testid=qr-code] svg[data-qr]"));
        Assert.Equal(Setup.ManualKey, cut.Find("[data-testid=manual-key]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=enable-form] #enable-code"));
        Assert.Equal("That code is not valid.", cut.Find("[data-testid=two-factor-panel-error]").TextContent.Trim());
        Assert.Contains("Start over", cut.Find("[data-testid=setup-submit]").TextContent);
    }

    [Fact]
    public void On_shows_codes_left_reset_and_disable_and_warns_when_low()
    {
        var cut = Render<TwoFactorPanel>(p => p.Add(c => c.Status, new TwoFactorStatus(true, false, 7)));
        Assert.Equal("on", cut.Find("[data-testid=two-factor-panel]").GetAttribute("data-state"));
        Assert.Equal("7 of 10 recovery codes left.", cut.Find("[data-testid=recovery-codes-left]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=recovery-codes-low]"));
        Assert.NotNull(cut.Find("[data-testid=reset-codes-form]"));
        Assert.NotNull(cut.Find("[data-testid=disable-form]"));
        Assert.Empty(cut.FindAll("[data-testid=setup-form]"));

        cut.Render(p => p.Add(c => c.Status, new TwoFactorStatus(true, false, 2)));
        Assert.Equal("2 of 10 recovery codes left.", cut.Find("[data-testid=recovery-codes-left]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=recovery-codes-low]"));
    }

    [Fact]
    public void New_recovery_codes_are_listed_with_copy_and_download()
    {
        string[] codes = ["abcd-efgh-jkmn", "pqrs-tuvw-xyz2"];
        var cut = Render<TwoFactorPanel>(p => p.Add(c => c.Status, new TwoFactorStatus(true, false, 10)).Add(c => c.NewRecoveryCodes, codes));
        Assert.Equal(codes, cut.FindAll("[data-testid=recovery-code]").Select(e => e.TextContent));
        Assert.Contains("boltly.copyText", cut.Find("[data-testid=copy-recovery-codes]").GetAttribute("onclick"));
        var download = cut.Find("[data-testid=download-recovery-codes]");
        Assert.Equal("boltly-recovery-codes.txt", download.GetAttribute("download"));
        Assert.Contains(Uri.EscapeDataString("abcd-efgh-jkmn"), download.GetAttribute("href"));
    }

    [Fact]
    public void Code_forms_validate_before_submitting()
    {
        var submitted = false;
        var cut = Render<TwoFactorPanel>(p => p
            .Add(c => c.Status, new TwoFactorStatus(false, true, 0)).Add(c => c.Setup, Setup)
            .Add(c => c.OnEnable, (string _) => submitted = true));
        cut.Find("#enable-code").Change("12ab");
        cut.Find("[data-testid=enable-form]").Submit();
        Assert.Contains("The code is 6 digits.", cut.Markup);
        Assert.False(submitted);

        cut.Find("#enable-code").Change("123 456");
        cut.Find("[data-testid=enable-form]").Submit();
        Assert.True(submitted);
    }

    [Fact]
    public void Password_form_shows_validation_messages()
    {
        PasswordChangeInput? submitted = null;
        var cut = Render<PasswordChangeForm>(p => p.Add(c => c.OnValidSubmit, (PasswordChangeInput i) => submitted = i));

        cut.Find("form").Submit();
        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Enter your current password.", messages);
        Assert.Contains("Enter a new password.", messages);
        Assert.Null(submitted);

        cut.Find("#current-password").Change("old-password-value");
        cut.Find("#new-password").Change("too-short");
        cut.Find("#confirm-password").Change("different");
        cut.Find("form").Submit();
        messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("Use 12 to 128 characters.", messages);
        Assert.Contains("The new passwords do not match.", messages);
        Assert.Null(submitted);

        cut.Find("#new-password").Change("tulip wrench galaxy murmur");
        cut.Find("#confirm-password").Change("tulip wrench galaxy murmur");
        cut.Find("form").Submit();
        Assert.NotNull(submitted);
    }

    [Fact]
    public void Password_form_counts_characters_not_utf16_units()
    {
        PasswordChangeInput? submitted = null;
        var cut = Render<PasswordChangeForm>(p => p.Add(c => c.OnValidSubmit, (PasswordChangeInput i) => submitted = i));
        const string fox = "\U0001F98A"; // one character, two UTF-16 units

        // 11 characters, 14 units: too short.
        cut.Find("#current-password").Change("old-password-value");
        cut.Find("#new-password").Change("abcdefgh" + fox + fox + fox);
        cut.Find("#confirm-password").Change("abcdefgh" + fox + fox + fox);
        cut.Find("form").Submit();
        Assert.Contains("Use 12 to 128 characters.", cut.FindAll(".validation-message").Select(m => m.TextContent));
        Assert.Null(submitted);

        // 128 characters, 136 units: long enough, not too long.
        var longest = new string('k', 120) + string.Concat(Enumerable.Repeat(fox, 8));
        cut.Find("#new-password").Change(longest);
        cut.Find("#confirm-password").Change(longest);
        cut.Find("form").Submit();
        Assert.Equal(longest, submitted?.NewPassword);
    }

    [Fact]
    public void Password_form_shows_the_servers_reason()
    {
        var cut = Render<PasswordChangeForm>(p => p.Add(c => c.ServerErrors, new Dictionary<string, string[]>
        {
            ["new_password"] = ["This is one of the most common passwords. Choose another."],
            ["current_password"] = ["The current password is not right."],
        }));
        Assert.Equal("This is one of the most common passwords. Choose another.", cut.Find("[data-testid=new-password-error]").TextContent);
        Assert.Equal("The current password is not right.", cut.Find("[data-testid=current-password-error]").TextContent);
    }

    [Fact]
    public void Security_events_table_lists_type_address_and_device()
    {
        var cut = Render<SecurityEventsTable>(p => p.Add(c => c.Events, [new SecurityEvent
        {
            Id = 1, OccurredAt = DateTimeOffset.UtcNow, Type = SecurityEventTypes.TwoFactorEnabled, Outcome = "success",
            ClientAddress = "203.0.113.9", UserAgent = "Firefox/130",
        }]));
        var row = cut.Find("[data-testid=security-event]");
        Assert.Equal("two_factor_enabled", row.GetAttribute("data-type"));
        Assert.Contains("two factor enabled", row.TextContent);
        Assert.Contains("203.0.113.9", row.TextContent);
        Assert.Contains("Firefox/130", row.TextContent);
    }
}
