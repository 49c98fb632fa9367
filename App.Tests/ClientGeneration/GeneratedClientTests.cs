using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.ClientGeneration;

/// <summary>
/// An integrator's path: Kiota (the local tool pinned in .config/dotnet-tools.json) generates a C# client
/// from the served document, a small driver (ClientGeneration/Driver, pinned Kiota packages) is built
/// with it and run against the real host: typed sign-in, key creation, a key call, a capped paginated
/// list, typed errors and every area (docs/openapi.md).
/// </summary>
[Collection(ExternalBuilds.Name)]
public sealed class GeneratedClientTests(SharedPortal portal)
{
    private static readonly string DriverSource = Path.Combine(ExternalTool.RepositoryRoot, "App.Tests", "ClientGeneration", "Driver");

    [Fact]
    public async Task A_client_generated_from_the_served_document_signs_in_and_calls_every_area()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var work = Directory.CreateTempSubdirectory("boltly-generated-client-").FullName;
        try
        {
            // From the served URL, as the README's one command does (Kiota fetches it; --clear-cache: no stale copy).
            var document = new Uri(portal.Host.BaseAddress, "/openapi/v1.json").ToString();
            var root = ExternalTool.RepositoryRoot;

            var restore = await ExternalTool.RunAsync("dotnet", ["tool", "restore"], root, TimeSpan.FromMinutes(3));
            Assert.True(restore.ExitCode == 0, restore.Describe());
            var generate = await ExternalTool.RunAsync("dotnet",
                ["kiota", "generate", "--language", "CSharp", "--openapi", document, "--output", Path.Combine(work, "Client"),
                 "--namespace-name", "Boltly.Client", "--class-name", "BoltlyClient", "--exclude-backward-compatible", "--clean-output", "--clear-cache"],
                root, TimeSpan.FromMinutes(2));
            Assert.True(generate.ExitCode == 0, generate.Describe());
            Assert.DoesNotContain("warn", generate.Output, StringComparison.OrdinalIgnoreCase);

            File.Copy(Path.Combine(DriverSource, "Driver.csproj.template"), Path.Combine(work, "Driver.csproj"));
            File.Copy(Path.Combine(DriverSource, "Program.cs"), Path.Combine(work, "Program.cs"));
            // No build server or node left running after the test; warnings of the generated code are Kiota's.
            var build = await ExternalTool.RunAsync("dotnet",
                ["build", "Driver.csproj", "-nologo", "-v", "q", "-clp:ErrorsOnly", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                work, TimeSpan.FromMinutes(4));
            Assert.True(build.ExitCode == 0, build.Describe());

            var driver = Path.Combine(work, "bin", "Debug", "net10.0", "Driver.dll");
            var run = await ExternalTool.RunAsync("dotnet", [driver, portal.Host.BaseAddress.ToString().TrimEnd('/'), user.Email, user.Password],
                work, TimeSpan.FromMinutes(1));
            Assert.True(run.ExitCode == 0 && run.Output.Contains("DRIVER OK", StringComparison.Ordinal), run.Describe());
            Assert.Contains("typed error 403 SESSION_REQUIRED", run.Output);
            Assert.Contains("typed error 404 NOT_FOUND", run.Output);
            Assert.Contains("pages of 10+2", run.Output);
        }
        finally { Directory.Delete(work, recursive: true); }
    }
}
