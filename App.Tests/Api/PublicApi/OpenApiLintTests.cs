using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>The served document passes Redocly's recommended rules (scripts/openapi/redocly.yaml, the
/// CLI pinned in scripts/openapi/package-lock.json): no errors and no warnings (docs/openapi.md).</summary>
[Collection(ExternalBuilds.Name)]
public sealed class OpenApiLintTests(SharedPortal portal)
{
    private static readonly string LintFolder = Path.Combine(ExternalTool.RepositoryRoot, "scripts", "openapi");
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    [Fact]
    public async Task The_served_document_passes_Redocly_recommended_rules()
    {
        var work = Directory.CreateTempSubdirectory("boltly-openapi-lint-").FullName;
        try
        {
            var document = await ExternalTool.SaveOpenApiDocumentAsync(portal.Host, work);
            // Kept beside the test results (test.sh's TestResults/), to read when the lint fails.
            var results = Path.Combine(ExternalTool.RepositoryRoot, "TestResults");
            if (Directory.Exists(results)) File.Copy(document, Path.Combine(results, "openapi.json"), overwrite: true);
            var redocly = await EnsureRedoclyAsync();
            var lint = await ExternalTool.RunAsync(redocly,
                ["lint", document, "--config", Path.Combine(LintFolder, "redocly.yaml"), "--format", "json"], work, TimeSpan.FromMinutes(2));
            var report = ParseReport(lint);
            var totals = report["totals"]!;
            var problems = string.Join("\n", report["problems"]!.AsArray().Select(p =>
                $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {string.Join(", ", p["location"]!.AsArray().Select(l => (string?)l!["pointer"]))}"));
            Assert.True(lint.ExitCode == 0, $"{lint.Command} exited {lint.ExitCode}:\n{problems}");
            Assert.True((int)totals["errors"]! == 0 && (int)totals["warnings"]! == 0, $"Redocly reports:\n{problems}");
        }
        finally { Directory.Delete(work, recursive: true); }
    }

    private static JsonNode ParseReport(ExternalTool.Result lint)
    {
        try { return JsonNode.Parse(lint.StandardOutput)!; }
        catch (System.Text.Json.JsonException) { Assert.Fail($"Redocly gave no JSON report. {lint.Describe()}"); throw; }
    }

    /// <summary>The pinned Redocly CLI, installed by <c>npm ci</c> into scripts/openapi/node_modules when missing.</summary>
    private static async Task<string> EnsureRedoclyAsync()
    {
        var redocly = Path.Combine(LintFolder, "node_modules", ".bin", "redocly");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(redocly)) return redocly;
            var npm = await ExternalTool.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], LintFolder, TimeSpan.FromMinutes(5));
            Assert.True(npm.ExitCode == 0, npm.Describe());
            Assert.True(File.Exists(redocly), $"npm ci did not install {redocly}:\n{npm.Output}");
            return redocly;
        }
        finally { InstallLock.Release(); }
    }
}
