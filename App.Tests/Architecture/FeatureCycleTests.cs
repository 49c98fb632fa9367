namespace Boltly.Tests.Architecture;

/// <summary>
/// Features form layers: a lower feature never knows a higher one, so no two features know each other, directly or
/// through others (docs/architecture.md, ADR 0012). Each feature folder is one node and <c>App/Components</c> (the
/// dashboard shell) one more; an edge is any reference from a type of one node to a type of another. A failure
/// names each knot (a strongly connected group of nodes), every elementary cycle in it, and the type pairs behind
/// each of its edges, so the reference to remove is in the message.
/// </summary>
public sealed class FeatureCycleTests
{
    internal const string Components = "Components";

    /// <summary>The node of a type: its feature, <c>Components</c> for the shell, null for Platform and Hosting.</summary>
    internal static string? NodeOf(string fullName) =>
        ArchitectureTests.FeatureOf(fullName) ?? (ArchitectureTests.Under(fullName, "Boltly.Components") ? Components : null);

    /// <summary>Node → node, each with the type pairs that make the edge.</summary>
    internal static Dictionary<(string From, string To), List<string>> NodeEdges(IEnumerable<(string Origin, string Target, string How)> typeEdges)
    {
        var edges = new Dictionary<(string, string), List<string>>();
        foreach (var e in typeEdges)
        {
            if (NodeOf(e.Origin) is not { } from || NodeOf(e.Target) is not { } to || from == to) continue;
            if (!edges.TryGetValue((from, to), out var pairs)) edges[(from, to)] = pairs = [];
            var pair = $"{e.Origin} → {e.Target}";
            if (!pairs.Contains(pair)) pairs.Add(pair);
        }
        return edges;
    }

    [Fact]
    public void No_cycle_between_features()
    {
        var edges = NodeEdges(ArchitectureTests.Edges.Value);
        var report = DependencyCycles.Describe(edges);
        Assert.True(report.Count == 0,
            "Features (and App/Components) must form layers: a lower one never knows a higher one. Break each cycle below: move the shared " +
            "piece down, or let the lower feature expose an interface or event that the higher one implements.\n" + string.Join("\n", report));
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_and_names_it()
    {
        // A guard for the guard: two features that use each other, and a third reached through them, are reported.
        var edges = NodeEdges([
            ("Boltly.Features.A.Service", "Boltly.Features.B.Thing", "Call"),
            ("Boltly.Features.B.Thing", "Boltly.Components.Shared.Table", "Call"),
            ("Boltly.Components.Shared.Table", "Boltly.Features.A.Record", "Call"),
            ("Boltly.Features.C.Other", "Boltly.Features.A.Service", "Call"),
            ("Boltly.Platform.Data.AppDbContext", "Boltly.Features.C.Other", "Call"),
        ]);
        var report = DependencyCycles.Describe(edges);
        var text = string.Join("\n", report);
        Assert.Contains("A → B → Components → A", text);
        Assert.Contains("Boltly.Components.Shared.Table → Boltly.Features.A.Record", text);
        Assert.Equal("cycle between 3 nodes: A, B, Components (1 elementary cycle(s))", report[0]);
        Assert.DoesNotContain("Features.C.", text, StringComparison.Ordinal);
    }
}
