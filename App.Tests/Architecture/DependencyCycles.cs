namespace Boltly.Tests.Architecture;

/// <summary>Finds the cycles of a small directed graph (features as nodes) and describes them for a test failure.</summary>
internal static class DependencyCycles
{
    /// <summary>At most this many elementary cycles are listed per knot; the knot and its edges are always listed in full.</summary>
    private const int MaxCyclesListed = 40;

    /// <summary>One block of lines per knot (a strongly connected group of two or more nodes); empty when there is none.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyDictionary<(string From, string To), List<string>> edges)
    {
        var nodes = edges.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var next = nodes.ToDictionary(n => n, n => edges.Keys.Where(k => k.From == n).Select(k => k.To).Order(StringComparer.Ordinal).ToList());
        var lines = new List<string>();
        foreach (var knot in StronglyConnected(nodes, next).Where(c => c.Count > 1))
        {
            var members = knot.Order(StringComparer.Ordinal).ToList();
            var inKnot = members.ToHashSet();
            var cycles = ElementaryCycles(members, n => next[n].Where(inKnot.Contains)).ToList();
            lines.Add($"cycle between {members.Count} nodes: {string.Join(", ", members)} ({cycles.Count} elementary cycle(s))");
            foreach (var cycle in cycles.Take(MaxCyclesListed))
                lines.Add($"  {string.Join(" → ", cycle.Append(cycle[0]))}");
            if (cycles.Count > MaxCyclesListed) lines.Add($"  … and {cycles.Count - MaxCyclesListed} more");
            foreach (var ((from, to), pairs) in edges.Where(e => inKnot.Contains(e.Key.From) && inKnot.Contains(e.Key.To))
                         .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal))
            {
                lines.Add($"  {from} → {to}: {pairs.Count} reference(s)");
                lines.AddRange(pairs.Order(StringComparer.Ordinal).Select(p => $"    {p}"));
            }
        }
        return lines;
    }

    /// <summary>Tarjan's algorithm.</summary>
    private static List<List<string>> StronglyConnected(List<string> nodes, Dictionary<string, List<string>> next)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next[v])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            result.Add(component);
        }
        foreach (var n in nodes.Where(n => !index.ContainsKey(n))) Visit(n);
        return result;
    }

    /// <summary>Each elementary cycle once, starting at its smallest node (the graphs here have a handful of nodes).</summary>
    private static IEnumerable<List<string>> ElementaryCycles(List<string> members, Func<string, IEnumerable<string>> next)
    {
        foreach (var start in members)
        {
            var path = new List<string> { start };
            foreach (var cycle in Extend(start, path)) yield return cycle;
        }

        IEnumerable<List<string>> Extend(string start, List<string> path)
        {
            foreach (var w in next(path[^1]))
            {
                if (w == start) yield return [.. path];
                else if (string.CompareOrdinal(w, start) > 0 && !path.Contains(w))
                {
                    path.Add(w);
                    foreach (var c in Extend(start, path)) yield return c;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }
}
