using ArchUnitNET.Loader;

namespace Boltly.Tests.Architecture;

/// <summary>
/// The identity features form layers (docs/decisions/0024-identity-layers.md): Sessions at the bottom; Auth (Identity,
/// the cookie, access and refresh tokens, security stamps, the lockout) above it; the sign-in methods (Passwords,
/// TwoFactor, Passkeys) above that, none knowing another; the flows and pages (SignIn, AccountSecurity) on top. A type of
/// one layer references only types of lower layers, never a higher one nor a sibling, so there is no cycle among them;
/// the dashboard shell (<c>Boltly.Components</c>) counts as one more node of the cycle check. Read from the IL, as
/// <see cref="ArchitectureTests"/> does: fields, signatures, attributes, locals and calls in method bodies.
/// </summary>
public sealed class IdentityLayerTests
{
    /// <summary>Each identity feature and its layer, bottom first.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Sessions"] = 0,
        ["Auth"] = 1,
        ["Passwords"] = 2,
        ["TwoFactor"] = 2,
        ["Passkeys"] = 2,
        ["SignIn"] = 3,
        ["AccountSecurity"] = 3,
    };

    private const string Features = "Boltly.Features.";
    private const string Components = "Boltly.Components";

    private static readonly Lazy<IReadOnlyList<(string Origin, string Target)>> Edges = new(() =>
        new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build().Types
            .SelectMany(t => t.Dependencies)
            .Select(d => (Origin: Owner(d.Origin.FullName), Target: Owner(d.Target.FullName)))
            .Where(e => e.Origin != e.Target)
            .Distinct()
            .ToList());

    private static string Owner(string fullName)
    {
        var cut = fullName.IndexOfAny(['+', '/']);
        return cut < 0 ? fullName : fullName[..cut];
    }

    /// <summary><c>Boltly.Features.Sessions.Pages.X</c> → <c>Sessions</c>; <c>Boltly.Components.*</c> → <c>Components</c>; else null.</summary>
    private static string? NodeOf(string fullName) =>
        fullName.StartsWith(Features, StringComparison.Ordinal) ? fullName[Features.Length..].Split('.')[0]
        : fullName.StartsWith(Components + ".", StringComparison.Ordinal) ? "Components"
        : null;

    /// <summary>Violations of the layering among <paramref name="edges"/>: an identity feature referencing a feature of
    /// its own layer or a higher one.</summary>
    public static List<string> LayerViolations(IEnumerable<(string Origin, string Target)> edges) =>
        edges
            .Select(e => (e.Origin, e.Target, From: NodeOf(e.Origin), To: NodeOf(e.Target)))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To
                && Layers.TryGetValue(e.From, out var from) && Layers.TryGetValue(e.To, out var to) && to >= from)
            .Select(e => $"  {e.Origin} → {e.Target} ({e.From}, layer {Layers[e.From!]} → {e.To}, layer {Layers[e.To!]})")
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every cycle among the identity features and the shell, as the strongly connected sets of their graph.</summary>
    public static List<string> Cycles(IEnumerable<(string Origin, string Target)> edges)
    {
        var graph = edges
            .Select(e => (From: NodeOf(e.Origin), To: NodeOf(e.Target)))
            .Where(e => e.From is not null && e.To is not null && e.From != e.To && InScope(e.From) && InScope(e.To))
            .Distinct()
            .GroupBy(e => e.From!, e => e.To!)
            .ToDictionary(g => g.Key, g => g.ToList());
        var cycles = new List<string>();
        foreach (var component in StronglyConnected(graph).Where(c => c.Count > 1))
            cycles.Add("  " + string.Join(" ↔ ", component.Order(StringComparer.Ordinal)));
        return cycles;
    }

    private static bool InScope(string node) => node == "Components" || Layers.ContainsKey(node);

    // Tarjan's algorithm: each set of nodes that reach one another.
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<List<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var set = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); set.Add(x); } while (x != v);
            result.Add(set);
        }
        foreach (var v in graph.Keys.Concat(graph.Values.SelectMany(t => t)).Distinct().ToList())
            if (!index.ContainsKey(v)) Visit(v);
        return result;
    }

    [Fact]
    public void Every_identity_feature_is_in_a_layer()
    {
        var identity = new[] { "Sessions", "Auth", "Passwords", "TwoFactor", "Passkeys", "SignIn", "AccountSecurity" };
        var present = typeof(Program).Assembly.GetTypes().Select(t => t.FullName is { } n ? NodeOf(n) : null).OfType<string>().ToHashSet();
        Assert.All(identity, f => Assert.Contains(f, present));
        // A guard for the guard: the edges below are read from method bodies, so the rules cannot pass by reading nothing.
        Assert.Contains(Edges.Value, e => e.Origin == "Boltly.Features.Auth.RefreshTokenService" && e.Target == "Boltly.Features.Sessions.SessionService");
    }

    [Fact]
    public void A_lower_identity_layer_never_references_a_higher_one_nor_a_sibling()
    {
        var found = LayerViolations(Edges.Value);
        Assert.True(found.Count == 0, "Identity layers, bottom first: Sessions < Auth < Passwords, TwoFactor, Passkeys < SignIn, AccountSecurity " +
            $"(ADR 0024). Move the type down, or ask through a seam of the lower layer.\n{found.Count} violation(s):\n{string.Join("\n", found)}");
    }

    [Fact]
    public void There_is_no_cycle_among_the_identity_features_and_the_shell()
    {
        var found = Cycles(Edges.Value);
        Assert.True(found.Count == 0, $"These reach one another:\n{string.Join("\n", found)}");
    }

    /// <summary>Each sign-in method's one small interface, and the service behind it that no other feature names.</summary>
    private static readonly IReadOnlyDictionary<string, string> MethodInterfaces = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Boltly.Features.Passwords.PasswordSignInService"] = "Boltly.Features.Passwords.IPasswordSignInMethod",
        ["Boltly.Features.TwoFactor.TwoFactorService"] = "Boltly.Features.TwoFactor.ISecondFactorMethod",
        ["Boltly.Features.Passkeys.PasskeySignInService"] = "Boltly.Features.Passkeys.IPasskeySignInMethod",
    };

    // The flows (layer 3) and the features built on them reach a method only through its interface.
    public static List<string> MethodViolations(IEnumerable<(string Origin, string Target)> edges) =>
        edges.Where(e => MethodInterfaces.ContainsKey(e.Target) && NodeOf(e.Origin) is { } from && from != NodeOf(e.Target)
                && (!Layers.TryGetValue(from, out var layer) || layer == 3))
            .Select(e => $"  {e.Origin} → {e.Target} (use {MethodInterfaces[e.Target]})")
            .Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_flows_reach_each_sign_in_method_through_its_interface()
    {
        foreach (var (service, method) in MethodInterfaces)
            Assert.Contains(ArchitectureTests.TypeOf(method), ArchitectureTests.TypeOf(service).GetInterfaces());
        var found = MethodViolations(Edges.Value);
        Assert.True(found.Count == 0, $"A flow names a sign-in method's service instead of its interface:\n{string.Join("\n", found)}");
        Assert.Single(MethodViolations([("Boltly.Features.SignIn.AuthController", "Boltly.Features.Passwords.PasswordSignInService")]));
    }

    [Fact]
    public void The_checks_fail_on_a_violation()
    {
        // A method referencing a higher one, and two features that know each other: both are found.
        (string, string)[] bad =
        [
            ("Boltly.Features.Sessions.SessionService", "Boltly.Features.SignIn.AuthController"),
            ("Boltly.Features.TwoFactor.TwoFactorService", "Boltly.Features.Passwords.PasswordChangeService"),
            ("Boltly.Features.Passwords.PasswordChangeService", "Boltly.Features.TwoFactor.TwoFactorService"),
            ("Boltly.Features.Auth.RefreshTokenService", "Boltly.Features.Sessions.SessionService"),
        ];
        var violations = LayerViolations(bad);
        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("Sessions, layer 0 → SignIn, layer 3", StringComparison.Ordinal));
        Assert.Equal(["  Passwords ↔ TwoFactor"], Cycles(bad));
    }
}
