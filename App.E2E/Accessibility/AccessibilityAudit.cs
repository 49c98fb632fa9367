using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Boltly.E2E.Accessibility;

/// <summary>
/// Checks a page as it is now (a dialog open, an error shown) and collects every finding with the state it was
/// found in: axe-core's WCAG 2.0–2.2 A/AA violations (the rule, the element, the fix axe proposes) and, where
/// asked, what the keyboard cannot do (a control Tab never reaches, focus without a visible ring). The report is
/// the test's failure message and a file under <c>App.E2E/artifacts/accessibility/</c> (docs/accessibility.md).
/// </summary>
public sealed class AccessibilityAudit(IPage page, string width, bool checkKeyboard)
{
    /// <summary>WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static string ReportFolder => Path.Combine(Infrastructure.BrowserTest.ArtifactsRoot, "accessibility");

    private readonly List<string> _states = [];
    private readonly StringBuilder _findings = new();
    private readonly StringBuilder _tolerated = new();
    private int _findingCount;

    /// <summary>Scans the whole page once it has settled (no dialog fading in: half-transparent text would be
    /// judged at a contrast nobody sees). Violations of <paramref name="tolerated"/> rules are listed in the report
    /// but do not fail it: only for a page this project does not render (a third party's), whose keyboard paths
    /// are not walked either. <paramref name="walkKeyboard"/> off for a variant of a state already walked (the
    /// same controls with an error shown), to keep the suite quick.</summary>
    public async Task ScanAsync(string state, IReadOnlyCollection<string>? tolerated = null, bool walkKeyboard = true)
    {
        await WaitForSettledAsync(page);
        var started = Stopwatch.GetTimestamp();
        var result = await AxeScanner.RunAsync(page, new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
            ResultTypes = [ResultType.Violations],
        });
        foreach (var violation in result.Violations)
        {
            if (tolerated?.Contains(violation.Id) == true)
            {
                _tolerated.AppendLine($"[{width}] {state}: {violation.Id} ({violation.Impact}) on {violation.Nodes.Length} element(s)");
                continue;
            }
            _findingCount += violation.Nodes.Length;
            _findings.AppendLine($"[{width}] {state}: {violation.Id} ({violation.Impact}) {violation.Help}")
                .AppendLine($"    {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                _findings.AppendLine($"  - element: {node.Target}")
                    .AppendLine($"    html:    {OneLine(node.Html)}")
                    .AppendLine($"    fix:     {FailureSummary(node)}");
            }
        }
        var axeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var keyboard = checkKeyboard && walkKeyboard && tolerated is null ? await WalkWithTabAsync(state) : "";
        _states.Add($"{state} ({page.Url}; axe {axeMs:F0} ms{keyboard})");
    }

    /// <summary>Removes this width's report of an earlier run, so a walk that stops half-way leaves no stale one.</summary>
    public static void DeleteReport(string width)
    {
        // File.Delete ignores a missing file but throws for a missing folder (a fresh clone has none).
        var file = Path.Combine(ReportFolder, $"{width}.txt");
        if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>Writes what was found so far to the report file; returns the report.</summary>
    public string WriteReport()
    {
        Directory.CreateDirectory(ReportFolder);
        var report = new StringBuilder()
            .AppendLine($"axe-core ({string.Join(", ", Tags)}){(checkKeyboard ? " and keyboard" : "")}, {width}: " +
                        $"{_findingCount} finding(s) in {_states.Count} page state(s).")
            .AppendLine().Append(_findings).AppendLine();
        if (_tolerated.Length > 0) report.AppendLine("Tolerated (a third party's page, see docs/accessibility.md):").Append(_tolerated).AppendLine();
        report.AppendLine("Scanned:");
        foreach (var state in _states) report.AppendLine($"  {state}");
        var file = Path.Combine(ReportFolder, $"{width}.txt");
        File.WriteAllText(file, report.ToString());
        return $"{report}\n(Also in {file}.)";
    }

    /// <summary>Writes the report file and fails with it when anything was found.</summary>
    public void AssertClean()
    {
        var report = WriteReport();
        if (_findingCount > 0) Assert.Fail(report);
    }

    /// <summary>Waits until no finite animation runs (MudBlazor's dialog, popover and snackbar transitions);
    /// endless ones (an indeterminate progress bar) do not count.</summary>
    public static Task WaitForSettledAsync(IPage page) =>
        page.WaitForFunctionAsync("""
            () => document.getAnimations().every(a => a.playState !== 'running'
                || a.effect?.getComputedTiming().iterations === Infinity)
            """);

    /// <summary>Puts the browser's focus starting point at the top of the document, as a fresh page load has it:
    /// the next Tab goes to the first focusable element.</summary>
    public static Task FocusTopOfDocumentAsync(IPage page) =>
        page.EvaluateAsync("""
            () => {
              document.activeElement?.blur();
              const b = document.body; b.setAttribute('tabindex', '-1'); b.focus(); b.removeAttribute('tabindex');
            }
            """);

    /// <summary>Presses Tab from the top of the page (or of the open dialog) until every control has had focus:
    /// records each control that Tab never reaches (a radio group counts once: arrows move within it) and each
    /// that shows no focus ring (2px outline; text fields show focus with their own outline).</summary>
    private async Task<string> WalkWithTabAsync(string state)
    {
        var started = Stopwatch.GetTimestamp();
        var count = await page.EvaluateAsync<int>("""
            () => {
              const dialogs = document.querySelectorAll('.mud-dialog');
              const scope = dialogs.length ? dialogs[dialogs.length - 1] : document;
              const controls = [...scope.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=tab], [role=switch], [role=region][tabindex]')]
                .filter(el => !el.matches(':disabled') && !el.closest('[inert], [aria-hidden=true], [hidden]')
                  && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
              document.querySelectorAll('[data-kbd]').forEach(el => el.removeAttribute('data-kbd'));
              const keys = new Set();
              controls.forEach((el, i) => {
                const key = el.matches('input[type=radio]') ? 'radio:' + el.name : 'c' + i;
                el.setAttribute('data-kbd', key);
                keys.add(key);
              });
              const n = keys.size;
              return n;
            }
            """);
        if (count == 0) return "";
        if (await page.Locator(".mud-dialog").CountAsync() == 0) await FocusTopOfDocumentAsync(page);

        // A listener in the page notes where each Tab put focus (the last focus change before the next Tab, with its
        // ring as it was then), so the presses go without a round trip each to read the focus back: in batches of as
        // many presses as controls still unreached (one press reaches at most one), each batch's notes read at once.
        await page.EvaluateAsync(FocusRecorder);
        var reached = new HashSet<string>();
        var noRing = new List<string>();
        var budget = count * 2 + 10;
        while (budget > 0 && reached.Count < count)
        {
            var batch = Math.Min(budget, count - reached.Count);
            for (var press = 0; press < batch; press++) await page.Keyboard.PressAsync("Tab");
            budget -= batch;
            var focuses = await page.EvaluateAsync<JsonElement>("() => window.__boltlyTabs.splice(0)");
            foreach (var focus in focuses.EnumerateArray())
            {
                if (focus.ValueKind != JsonValueKind.Object || focus.GetProperty("key").GetString() is not { } key || !reached.Add(key)) continue;
                if (!focus.GetProperty("ring").GetBoolean()) noRing.Add(focus.GetProperty("what").GetString()!);
            }
        }

        var unreached = await page.EvaluateAsync<string[]>("""
            (reached) => [...new Set([...document.querySelectorAll('[data-kbd]')].map(el => el.getAttribute('data-kbd')))]
              .filter(k => !reached.includes(k))
              .map(k => document.querySelector(`[data-kbd="${k}"]`).outerHTML.slice(0, 160))
            """, reached.ToArray());
        foreach (var html in unreached) AddKeyboardFinding(state, "keyboard-unreachable", "Tab never reaches this control", html);
        foreach (var html in noRing) AddKeyboardFinding(state, "focus-not-visible", "Focused without a 2px focus ring", html);
        return $"; Tab {count} controls {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms";
    }

    /// <summary>Starts (once per document) a log in <c>window.__boltlyTabs</c>: per Tab press, where focus went last
    /// before the next press (a control marked <c>data-kbd</c>, with whether it shows a 2px ring; text fields show
    /// focus with their own outline), or null when it went nowhere marked.</summary>
    private const string FocusRecorder = """
        () => {
          window.__boltlyTabs = [];
          if (window.__boltlyTabsListening) return;
          window.__boltlyTabsListening = true;
          document.addEventListener('keydown', e => { if (e.key === 'Tab') window.__boltlyTabs.push(null); }, true);
          document.addEventListener('focusin', () => {
            const log = window.__boltlyTabs;
            if (!log.length) return;
            const a = document.activeElement;
            const key = a?.getAttribute('data-kbd');
            if (!key) { log[log.length - 1] = null; return; }
            const textLike = a.matches('input:not([type=checkbox]):not([type=radio]), textarea, select');
            const ringOn = a.matches('input[type=checkbox], input[type=radio]') ? a.parentElement : a;
            const cs = getComputedStyle(ringOn);
            const ring = textLike || (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2);
            log[log.length - 1] = { key, ring, what: a.outerHTML.slice(0, 160) };
          }, true);
        }
        """;

    private void AddKeyboardFinding(string state, string rule, string help, string html)
    {
        _findingCount++;
        _findings.AppendLine($"[{width}] {state}: {rule} (serious) {help}")
            .AppendLine($"  - html:    {OneLine(html)}")
            .AppendLine("    fix:     make it focusable in order (no tabindex=-1 on a control) and give it the focus ring in wwwroot/app.css");
    }

    /// <summary>axe's failure summary: any one of the "any" checks would fix it; every "all" and "none" check must.</summary>
    private static string FailureSummary(AxeResultNode node)
    {
        var parts = new List<string>();
        if (node.Any is { Length: > 0 } any) parts.Add("fix any of: " + string.Join(" | ", any.Select(c => c.Message)));
        var all = (node.All ?? []).Concat(node.None ?? []).ToList();
        if (all.Count > 0) parts.Add("fix all of: " + string.Join(" | ", all.Select(c => c.Message)));
        return string.Join("\n             ", parts);
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
