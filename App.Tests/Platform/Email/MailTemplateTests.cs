using Boltly.Platform.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Boltly.Tests.Platform.Email;

/// <summary>Every <see cref="MailTemplate"/> has its two files and renders its values, HTML-encoded in the HTML,
/// with links to Portal:PublicUrl (docs/email.md).</summary>
public sealed class MailTemplateTests
{
    private const string PublicUrl = "https://portal.boltly-tests.example";
    private readonly MailTemplates _templates = new(Options.Create(new PortalOptions { PublicUrl = PublicUrl + "/" }), NullLogger<MailTemplates>.Instance);

    public static TheoryData<MailTemplate> All() => [.. Enum.GetValues<MailTemplate>()];

    [Theory]
    [MemberData(nameof(All))]
    public void Every_template_renders_a_subject_text_and_html_with_each_value(MailTemplate template)
    {
        var names = MailTemplates.PlaceholdersOf(template);
        Assert.NotEmpty(names);
        var values = names.ToDictionary(n => n, n => $"<b>{n}</b> & co");

        var mail = _templates.Render(template, values);

        Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
        Assert.DoesNotContain("{{", mail.Subject + mail.Text + mail.Html, StringComparison.Ordinal);
        foreach (var name in names)
        {
            Assert.Contains($"<b>{name}</b> & co", mail.Text, StringComparison.Ordinal);
            Assert.Contains($"&lt;b&gt;{name}&lt;/b&gt; &amp; co", mail.Html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<b>{name}</b>", mail.Html, StringComparison.Ordinal);
        }
        Assert.Contains(PublicUrl + "/", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(PublicUrl + "//", mail.Text + mail.Html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void New_device_sign_in_names_time_address_device_and_links_to_sessions()
    {
        Assert.Equal(new HashSet<string> { "time", "address", "device" }, MailTemplates.PlaceholdersOf(MailTemplate.NewDeviceSignIn));
        var mail = _templates.Render(MailTemplate.NewDeviceSignIn,
            new Dictionary<string, string> { ["time"] = "1 Dec 2026 10:00 UTC", ["address"] = "203.0.113.7", ["device"] = "Firefox on Linux" });
        Assert.Contains($"{PublicUrl}/settings/sessions", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PublicUrl}/settings/sessions\"", mail.Html, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_disabled_names_the_subscription_and_links_to_webhooks()
    {
        Assert.Equal(new HashSet<string> { "webhook_url", "disabled_at", "last_error" }, MailTemplates.PlaceholdersOf(MailTemplate.WebhookDisabled));
        var mail = _templates.Render(MailTemplate.WebhookDisabled, new Dictionary<string, string> { ["webhook_url"] = "https://hooks.example.com/boltly?a=1&b=2" });
        Assert.Contains("https://hooks.example.com/boltly?a=1&b=2", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://hooks.example.com/boltly?a=1&amp;b=2", mail.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PublicUrl}/developers/webhooks\"", mail.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MailTemplate.EmailConfirmation, "account/confirm-email")]
    [InlineData(MailTemplate.PasswordReset, "account/reset-password")]
    public void Account_links_carry_only_the_token_on_the_public_url(MailTemplate template, string page)
    {
        Assert.Contains("token", MailTemplates.PlaceholdersOf(template));
        var values = MailTemplates.PlaceholdersOf(template).ToDictionary(n => n, n => n == "token" ? "dG9rZW4_-" : "1");
        var mail = _templates.Render(template, values);
        Assert.Contains($"{PublicUrl}/{page}?token=dG9rZW4_-", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PublicUrl}/{page}?token=dG9rZW4_-\"", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_cannot_add_a_header_line_to_the_subject_or_fill_another_placeholder()
    {
        var mail = _templates.Render(MailTemplate.WebhookDisabled, new Dictionary<string, string> { ["webhook_url"] = "{{portal_url}}\r\nBcc: x@example.com" });
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.Contains("{{portal_url}}", mail.Text, StringComparison.Ordinal);
    }
}
