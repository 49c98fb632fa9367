using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Boltly.E2E.Accessibility;

/// <summary>
/// Runs the axe-core that <c>Deque.AxeCore.Playwright</c> bundles, in one call per scan. The library's
/// <c>RunAxe</c> sends axe's 580 KB source into the page on every scan and finishes each run in a new browser
/// page of its own (the design for cross-origin iframes): two parses of axe and a new page per scan, most of a
/// scan's time on 2 cores. Here axe goes into a document once (a navigation makes a new document, which gets it
/// again) and <c>axe.run</c> does the same rules in the page itself. A page with frames goes to the library's
/// <c>RunAxe</c>, which audits inside them. <c>AccessibilityAuditTests</c> checks both find the same violations.
/// </summary>
public static class AxeScanner
{
    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    public static async Task<AxeResult> RunAsync(IPage page, AxeRunOptions options)
    {
        if (page.Frames.Count > 1) return await page.RunAxe(options);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync($"() => {{ {Source.Value} }}");
            // The library's branding: help links read ...?application=axe-core-playwright-nuget either way.
            await page.EvaluateAsync("() => axe.configure({ branding: 'axe-core-playwright-nuget' })");
        }
        // Passed as JSON (the library's own serialisation of its options); only the result types the audit reads come back.
        var json = await page.EvaluateAsync<string>("""
            async (options) => {
              const r = await axe.run(document, JSON.parse(options));
              return JSON.stringify({ violations: r.violations, incomplete: r.incomplete, url: r.url,
                timestamp: r.timestamp, testEngine: r.testEngine, testRunner: r.testRunner,
                testEnvironment: r.testEnvironment, toolOptions: r.toolOptions });
            }
            """, JsonConvert.SerializeObject(options));
        return new AxeResult(JObject.Parse(json));
    }
}
