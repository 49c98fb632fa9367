using System.Diagnostics;
using System.Text;

namespace Boltly.Tests.Infrastructure;

/// <summary>Runs a command-line tool the tests depend on (npm, Redocly, Kiota, dotnet) with a deadline,
/// and keeps its output so that a failure shows what the tool said.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string StandardOutput, string Command)
    {
        public string Describe() => $"`{Command}` exited {ExitCode}:\n{Output}";
    }

    /// <summary>The repository's root: the folder holding BoltlyPortal.sln above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // No first-run banners, telemetry or update checks: CI has no network but the package registries.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["KIOTA_TUTORIAL_ENABLED"] = "false";
        start.Environment["KIOTA_OFFLINE_ENABLED"] = "true";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var command = $"{fileName} {string.Join(' ', start.ArgumentList)}";

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) { output.AppendLine(e.Data); standardOutput.AppendLine(e.Data); }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) return new Result(-1, $"timed out after {timeout.TotalSeconds:0} s\n{output}", standardOutput.ToString(), command);
        }
        process.WaitForExit(); // flushes the redirected output
        lock (output) return new Result(process.ExitCode, output.ToString(), standardOutput.ToString(), command);
    }

    /// <summary>The served OpenAPI document, written to a file of its own under <paramref name="folder"/>.</summary>
    public static async Task<string> SaveOpenApiDocumentAsync(PortalHost host, string folder)
    {
        using var client = host.CreateHttpClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "openapi.json");
        await File.WriteAllTextAsync(path, await response.Content.ReadAsStringAsync());
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BoltlyPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException($"BoltlyPortal.sln not found above {AppContext.BaseDirectory}");
    }
}
