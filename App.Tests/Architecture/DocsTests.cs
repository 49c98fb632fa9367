using System.Text.RegularExpressions;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Architecture;

/// <summary>
/// docs/architecture.md kept true by tests: its ADR index lists every ADR file under its number, with no number
/// skipped unless the index says why; its layout names every feature folder, and only folders that exist.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = ExternalTool.RepositoryRoot;
    private static readonly string Architecture = File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));

    [GeneratedRegex(@"^(\d{4})-[a-z0-9-]+\.md$")]
    private static partial Regex AdrFile();

    // A row of the index: | [0001](decisions/0001-migrations-project.md) | … |, or | 0014 | (why there is none) | … |
    [GeneratedRegex(@"^\|\s*(?:\[(\d{4})\]\(decisions/([^)]+)\)|(\d{4}))\s*\|\s*([^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex IndexRow();

    private static string Section(string heading)
    {
        var start = Architecture.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/architecture.md has no \"## {heading}\" section");
        var end = Architecture.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? Architecture[start..] : Architecture[start..end];
    }

    [Fact]
    public void Every_ADR_is_in_the_index_under_its_number_and_no_number_is_skipped_unexplained()
    {
        var files = Directory.GetFiles(Path.Combine(Root, "docs", "decisions"), "*.md").Select(Path.GetFileName).OfType<string>()
            .Select(f => (File: f, Match: AdrFile().Match(f))).ToList();
        Assert.All(files, f => Assert.True(f.Match.Success, $"docs/decisions/{f.File} is not named NNNN-words.md"));
        var adrs = files.ToDictionary(f => int.Parse(f.Match.Groups[1].Value), f => f.File);

        var rows = IndexRow().Matches(Section("Decisions")).Select(m => m.Groups[1].Success
            ? (Number: int.Parse(m.Groups[1].Value), File: m.Groups[2].Value, Text: m.Groups[4].Value.Trim())
            : (Number: int.Parse(m.Groups[3].Value), File: (string?)null, Text: m.Groups[4].Value.Trim())).ToList();
        var problems = new List<string>();
        foreach (var (number, file) in adrs.OrderBy(a => a.Key))
            if (!rows.Any(r => r.Number == number && r.File == file))
                problems.Add($"docs/decisions/{file} is not in the index as [{number:D4}](decisions/{file})");
        foreach (var row in rows.Where(r => r.File is not null && !adrs.ContainsValue(r.File)))
            problems.Add($"the index links decisions/{row.File}, which does not exist");
        foreach (var row in rows.Where(r => r.File is null && adrs.ContainsKey(r.Number)))
            problems.Add($"the index says why there is no ADR {row.Number:D4}, but docs/decisions/{adrs[row.Number]} exists");
        for (var n = 1; n <= adrs.Keys.DefaultIfEmpty(0).Max(); n++)
            if (!adrs.ContainsKey(n) && !rows.Any(r => r.Number == n && r.File is null && r.Text.Length > 0))
                problems.Add($"ADR {n:D4} does not exist and the index does not say why (a row \"| {n:D4} | why |\")");
        Assert.True(problems.Count == 0, "docs/architecture.md's ADR index:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_layout_names_every_feature_folder_and_only_those()
    {
        var folders = Directory.GetDirectories(Path.Combine(Root, "App", "Features")).Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal).ToList();
        var layout = Section("Layout");
        var areas = layout.IndexOf("Areas:", StringComparison.Ordinal);
        Assert.True(areas >= 0, "the layout lists the feature areas after \"Areas:\"");
        // The list runs to the next entry of the layout (a line starting with a path).
        var end = Regex.Match(layout[areas..], @"\n[A-Za-z]").Index;
        var listed = Regex.Replace(layout.Substring(areas + "Areas:".Length, end - "Areas:".Length), @"\([^)]*\)", "")
            .Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => a.TrimEnd('.')).Where(a => a.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(folders, listed);
    }
}
