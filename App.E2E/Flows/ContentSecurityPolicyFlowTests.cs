using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>The dashboard and the API reference work under their Content-Security-Policy: the browser
/// reports no violation while a person signs in, uses the circuit (a dialog) and opens /docs. One refusal on
/// /docs is expected and harmless: Scalar's bundled validator probes <c>Function('')</c> once to choose a
/// compiled or an interpreted mode (inside try/catch); refused, it interprets. 'unsafe-eval' stays off.</summary>
public sealed class ContentSecurityPolicyFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task The_dashboard_and_the_API_reference_run_without_a_CSP_violation()
    {
        var violations = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add($"{message.Type}: {message.Text}");
        };
        Page.PageError += (_, error) => violations.Add($"page error: {error}");
        // The page's own report of every blocked load or script, whatever the console says.
        await Page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);

        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await login.SignInAsync(user.Email, user.Password);
        var dashboard = new DashboardPage(Page);
        await Expect(dashboard.Title).ToBeVisibleAsync();
        await dashboard.WaitForInteractiveAsync();
        violations.AddRange(await Page.EvaluateAsync<string[]>("window.__cspViolations"));

        var keys = new ApiKeysPage(Page);
        await keys.GotoAsync();
        await Expect(keys.CreateButton).ToBeEnabledAsync();
        await keys.CreateButton.ClickAsync();
        await Expect(keys.CreateDialog).ToBeVisibleAsync();
        violations.AddRange(await Page.EvaluateAsync<string[]>("window.__cspViolations"));

        Assert.True(violations.Count == 0, "dashboard: " + string.Join("\n", violations));

        var reference = await Page.GotoAsync("docs/");
        Assert.Contains("frame-ancestors 'none'", await reference!.HeaderValueAsync("content-security-policy") ?? "");
        await Expect(Page.GetByText("Boltly Portal API", new() { Exact = false }).First).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        violations.AddRange(await Page.EvaluateAsync<string[]>("window.__cspViolations"));

        var unexpected = violations.Where(v => v != "script-src eval" && !v.Contains("'unsafe-eval'", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, "/docs: " + string.Join("\n", unexpected));
    }
}
