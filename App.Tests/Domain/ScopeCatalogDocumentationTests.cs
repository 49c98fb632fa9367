using System.Text.RegularExpressions;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Domain;

/// <summary>README's scope table is the catalog, written out: same scopes, same order, same descriptions.</summary>
public sealed partial class ScopeCatalogDocumentationTests
{
    [Fact]
    public void The_readme_scope_table_matches_the_catalog()
    {
        var root = TestServices.RepositoryRoot();
        Assert.NotNull(root);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var rows = ScopeRow().Matches(readme).Select(m => (Name: m.Groups[1].Value, Description: m.Groups[2].Value.Trim())).ToList();

        Assert.Equal(ScopeCatalog.All.Select(s => s.Name), rows.Select(r => r.Name));
        Assert.Equal(ScopeCatalog.All.Select(s => s.Description), rows.Select(r => r.Description));
    }

    // A table row that starts with a scope in backquotes: | `contacts:read` | List and retrieve contacts |
    [GeneratedRegex(@"^\s*\|\s*`([a-z]+:[a-z]+)`\s*\|([^|\n]+)\|", RegexOptions.Multiline)]
    private static partial Regex ScopeRow();
}
