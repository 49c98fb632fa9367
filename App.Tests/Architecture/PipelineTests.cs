using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Architecture;

/// <summary>
/// The pipeline splits once for <c>/v1</c> (<c>Hosting/RequestPipeline.cs</c>, docs/architecture.md): no middleware asks
/// which kind of request it serves, and only the split tests the path.
/// </summary>
public sealed class PipelineTests
{
    private const string ApiRequest = "Boltly.Platform.Api.ApiRequest";

    [Fact]
    public void No_middleware_asks_whether_it_serves_the_API() =>
        ArchitectureTests.AssertNone(ArchitectureTests.Edges.Value.Where(e =>
                e.Target == ApiRequest && e.Origin.EndsWith("Middleware", StringComparison.Ordinal)),
            "A middleware runs on the API's branch or the dashboard's (Hosting/RequestPipeline.cs); it does not ask which.");

    [Fact]
    public void Only_the_split_tests_the_API_path()
    {
        var app = Path.Combine(ExternalTool.RepositoryRoot, "App");
        var allowed = new[] { Path.Combine("Platform", "Api", "ApiRequest.cs"), Path.Combine("Hosting", "RequestPipeline.cs") };
        var violations = Directory.GetFiles(app, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(app, "*.razor", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !allowed.Contains(Path.GetRelativePath(app, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(app, f), Line: i + 1, Text: line.Trim())))
            .Where(l => l.Text.Contains("StartsWithSegments(\"/v1\"", StringComparison.Ordinal)
                || l.Text.Contains("ApiRequest.Matches", StringComparison.Ordinal)
                || l.Text.Contains("IsApiRequest", StringComparison.Ordinal))
            .Select(l => $"  App/{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(violations.Count == 0,
            "Only Hosting/RequestPipeline.cs splits on the /v1 path (ApiRequest.Matches); a hook the framework runs for every request " +
            "reads the API branch's mark (ApiRequest.IsMarked):\n" + string.Join("\n", violations));
    }
}
