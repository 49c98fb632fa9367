using Boltly.E2E.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Boltly.E2E.Accessibility;

/// <summary>
/// The walk's instruments on a page with known defects: <see cref="AxeScanner"/> finds what the library's own
/// <c>RunAxe</c> finds, and the keyboard walk reports a control Tab never reaches and one without a focus ring.
/// A walk that finds nothing proves little unless its instruments can find something.
/// </summary>
public sealed class AccessibilityAuditTests(PortalUnderTest portal) : BrowserTest(portal)
{
    private const string Defects = """
        <!doctype html><html lang="en"><head><title>Defects</title>
        <style>.faint { color: #bbb; background: #fff; } .no-ring:focus { outline: none; } button:focus-visible { outline: 2px solid #000; }</style>
        </head><body><main>
          <h1>Defects</h1>
          <p class="faint">Text too faint to read.</p>
          <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <button>Fine</button>
          <button class="no-ring">No ring</button>
          <div role="button" onclick="void 0">Not focusable</div>
          <input type="text">
        </main></body></html>
        """;

    [Fact]
    public async Task The_scanner_finds_the_same_violations_as_the_library()
    {
        await Page.SetContentAsync(Defects);
        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AccessibilityAudit.Tags] },
            ResultTypes = [ResultType.Violations],
        };
        var ours = Summary(await AxeScanner.RunAsync(Page, options));
        var library = Summary(await Page.RunAxe(options));

        Assert.Contains(ours, v => v.StartsWith("color-contrast ", StringComparison.Ordinal));
        Assert.Contains(ours, v => v.StartsWith("image-alt ", StringComparison.Ordinal));
        Assert.Contains(ours, v => v.StartsWith("label ", StringComparison.Ordinal));
        Assert.Equal(library, ours);
    }

    [Fact]
    public async Task The_keyboard_walk_reports_an_unreachable_control_and_a_missing_focus_ring()
    {
        await Page.SetContentAsync(Defects);
        var audit = new AccessibilityAudit(Page, "self-test", checkKeyboard: true);
        await audit.ScanAsync("defects");

        var report = Assert.Throws<Xunit.Sdk.FailException>(audit.AssertClean).Message;
        Assert.Equal(["<div role=\"button\" onclick=\"void 0\" data-kbd=\"c2\">Not focusable</div>"], KeyboardFindings(report, "keyboard-unreachable"));
        Assert.Equal(["<button class=\"no-ring\" data-kbd=\"c1\">No ring</button>"], KeyboardFindings(report, "focus-not-visible"));
    }

    /// <summary>The html of each finding of a keyboard rule in the report (the line after its heading).</summary>
    private static List<string> KeyboardFindings(string report, string rule)
    {
        var lines = report.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return [.. lines.Select((line, i) => (line, i))
            .Where(x => x.line.Contains($": {rule} (serious)", StringComparison.Ordinal))
            .Select(x => lines[x.i + 1].Trim().Replace("- html:", "", StringComparison.Ordinal).Trim())];
    }

    private static List<string> Summary(AxeResult result) =>
        [.. result.Violations.Select(v => $"{v.Id} {string.Join(" ", v.Nodes.Select(n => n.Target.ToString()).Order())}").Order()];
}
