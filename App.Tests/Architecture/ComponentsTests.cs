using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace Boltly.Tests.Architecture;

/// <summary>
/// The dashboard shell (<c>App/Components</c>) and the features' pages (docs/architecture.md): the shell may use
/// Platform and the features' components; a feature may use only the shell's shared components; each feature's pages
/// name what they use of other features in their own <c>Pages/_Imports.razor</c>, never inline and never in the root one.
/// </summary>
public sealed class ComponentsTests
{
    private const string Components = "Boltly.Components";
    private const string Shared = "Boltly.Components.Shared";

    [Fact]
    public void A_feature_uses_only_the_shells_shared_components() =>
        ArchitectureTests.AssertNone(ArchitectureTests.Edges.Value.Where(e =>
                ArchitectureTests.FeatureOf(e.Origin) is not null
                && ArchitectureTests.Under(e.Target, Components) && !ArchitectureTests.Under(e.Target, Shared)),
            "A feature may use the shell's shared components (Components/Shared) and nothing else of App/Components: the layout, " +
            "the routes and the shell's own pages are the shell's.");

    [Fact]
    public void The_shell_uses_only_Platform_and_the_features_components() =>
        ArchitectureTests.AssertNone(ArchitectureTests.Edges.Value.Where(e =>
                ArchitectureTests.Under(e.Origin, Components) && ArchitectureTests.FeatureOf(e.Target) is not null
                && !typeof(IComponent).IsAssignableFrom(ArchitectureTests.TypeOf(e.Target))),
            "The shell (App/Components) may use Platform and the features' components, not a feature's services, entities or " +
            "records: a shared component takes what it shows as parameters of the shell's own types.");

    [Fact]
    public void Pages_name_other_features_only_in_their_features_imports()
    {
        var app = Path.Combine(ExternalTool.RepositoryRoot, "App");
        var violations = Directory.GetFiles(app, "*.razor", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "_Imports.razor" || Path.GetDirectoryName(f) == app)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(app, f), Line: i + 1, Text: line.Trim())))
            .Where(l => l.Text.Contains("Boltly.Features.", StringComparison.Ordinal))
            .Select(l => $"  App/{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(violations.Count == 0,
            "A page names another feature's namespace in its feature's Pages/_Imports.razor (its own feature needs no using), " +
            "and the root App/_Imports.razor names no feature:\n" + string.Join("\n", violations));
    }
}
