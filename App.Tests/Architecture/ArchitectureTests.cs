using ArchUnitNET.Domain.Dependencies;
using ArchUnitNET.Loader;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Tests.Architecture;

/// <summary>
/// The layout's rules, checked on the compiled App assembly (docs/decisions/0012-feature-boundaries.md). ArchUnitNET
/// reads the IL, so a dependency counts wherever it is written: a field, a signature, an attribute, a local or a call
/// in a method body (async methods and lambdas included: their compiler-made types count as the type that wrote them).
/// Each failure lists every offending <c>origin → target</c> pair.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Platform = "Boltly.Platform";
    private const string Features = "Boltly.Features";
    private const string Hosting = "Boltly.Hosting";

    private static readonly System.Reflection.Assembly App = typeof(Program).Assembly;
    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() => new ArchLoader().LoadAssemblies(App).Build());
    internal static readonly Lazy<IReadOnlyList<(string Origin, string Target, string How)>> Edges = new(LoadEdges);

    /// <summary>Every dependency between two types of App, each side named by its declaring top-level type.</summary>
    private static IReadOnlyList<(string Origin, string Target, string How)> LoadEdges() =>
        Loaded.Value.Types
            .SelectMany(t => t.Dependencies)
            .Select(d => (Origin: Owner(d.Origin.FullName), Target: Owner(d.Target.FullName), How: How(d)))
            .Where(e => e.Origin != e.Target && InApp(e.Target))
            .Distinct()
            .ToList();

    private static string How(ITypeDependency d) => d.GetType().Name.Replace("Dependency", "", StringComparison.Ordinal);

    /// <summary>A nested type (an async state machine, a lambda's closure, a private helper) belongs to its outermost type.</summary>
    private static string Owner(string fullName)
    {
        var cut = fullName.IndexOfAny(['+', '/']);
        return cut < 0 ? fullName : fullName[..cut];
    }

    private static bool InApp(string fullName) => App.GetType(fullName) is not null || fullName == "Program";

    internal static bool Under(string fullName, string ns) => fullName.StartsWith(ns + ".", StringComparison.Ordinal);

    /// <summary><c>Boltly.Features.ApiKeys.Pages.X</c> → <c>ApiKeys</c>.</summary>
    internal static string? FeatureOf(string fullName) =>
        Under(fullName, Features) ? fullName[(Features.Length + 1)..].Split('.')[0] : null;

    internal static System.Type TypeOf(string fullName) => App.GetType(fullName) ?? throw new InvalidOperationException($"{fullName} not in App");

    internal static bool IsEndpointOrUi(string fullName) =>
        App.GetType(fullName) is { } t && (typeof(ControllerBase).IsAssignableFrom(t) || typeof(IComponent).IsAssignableFrom(t));

    internal static void AssertNone(IEnumerable<(string Origin, string Target, string How)> violations, string rule)
    {
        var found = violations.Select(v => $"  {v.Origin} → {v.Target} ({v.How})").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(found.Count == 0, $"{rule}\n{found.Count} violation(s):\n{string.Join("\n", found)}");
    }

    [Fact]
    public void The_rules_see_dependencies_in_method_bodies()
    {
        // A guard for the guard: if loading ever stopped reading IL, every rule below would pass vacuously.
        Assert.Contains(Edges.Value, e => e.Origin == "Boltly.Features.ApiKeys.ApiKeyService" && e.Target == "Boltly.Features.ApiKeys.ApiKeyActivity");
        Assert.Contains(Edges.Value, e => e.Origin == "Boltly.Features.ApiKeys.ApiKeyService" && e.Target == "Boltly.Platform.Data.AppDbContext");
    }

    [Fact]
    public void Platform_never_depends_on_Features() =>
        AssertNone(Edges.Value.Where(e => Under(e.Origin, Platform) && Under(e.Target, Features)),
            "Platform is what every feature uses; it must not reach into a feature (move the type to Platform, or the code to the feature).");

    [Fact]
    public void Nothing_outside_Hosting_depends_on_Hosting() =>
        AssertNone(Edges.Value.Where(e => Under(e.Target, Hosting) && !Under(e.Origin, Hosting) && e.Origin != "Program"),
            "Hosting is the composition root: only Program calls it.");

    [Fact]
    public void Controllers_and_pages_do_not_touch_the_database()
    {
        var database = typeof(Boltly.Platform.Data.AppDbContext).FullName!;
        var factory = typeof(IDbContextFactory<>).FullName!;
        // Read from the raw dependencies: the factory is a framework type, outside the App-to-App edges.
        var violations = Loaded.Value.Types
            .SelectMany(t => t.Dependencies)
            .Where(d => IsEndpointOrUi(Owner(d.Origin.FullName))
                && (d.Target.FullName == database || d.Target.FullName.StartsWith(factory, StringComparison.Ordinal)))
            .Select(d => (Owner(d.Origin.FullName), d.Target.FullName, How(d)));
        AssertNone(violations,
            "Controllers and Razor components reach the database only through their feature's service (AppDbContext and IDbContextFactory are the service's).");
    }

    /// <summary>
    /// A feature depends on another feature only through that feature's public service types. Precisely: a type of
    /// <c>Boltly.Features.A</c> may reference a type of <c>Boltly.Features.B</c> (B ≠ A) only when the target is
    /// public, top-level, and none of: a controller (<see cref="ControllerBase"/>), a Razor component
    /// (<see cref="IComponent"/>, pages and dialogs), an EF mapping (<see cref="IEntityTypeConfiguration{TEntity}"/>),
    /// or the feature's registration (<c>*ServiceCollectionExtensions</c>, which only Hosting calls).
    /// Allowed, on purpose: B's services, their request/result records, options, exceptions, and B's entities with
    /// its table extension properties (<c>db.Contacts</c>): the messaging areas (Contacts, Inbox, Broadcasts,
    /// Templates) read and write each other's tables inside one transaction, which a service call cannot share.
    /// </summary>
    [Fact]
    public void A_feature_reaches_another_only_through_its_public_service_types()
    {
        static string? Forbidden(string target)
        {
            var t = TypeOf(target);
            if (!t.IsPublic) return "not public";
            if (typeof(ControllerBase).IsAssignableFrom(t)) return "a controller";
            if (typeof(IComponent).IsAssignableFrom(t)) return "a Razor component";
            if (t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityTypeConfiguration<>))) return "an EF configuration";
            if (t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)) return "a registration (Hosting's)";
            return null;
        }
        var violations = Edges.Value
            .Where(e => FeatureOf(e.Origin) is { } from && FeatureOf(e.Target) is { } to && from != to)
            .Select(e => (e.Origin, e.Target, Why: Forbidden(e.Target)))
            .Where(e => e.Why is not null)
            .Select(e => (e.Origin, e.Target, e.Why!));
        AssertNone(violations,
            "A feature reaches another feature only through its public service types: not its controllers, components, EF configurations, registration or non-public types.");
    }
}
