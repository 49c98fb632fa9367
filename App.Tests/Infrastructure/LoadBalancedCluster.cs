using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Two app processes (the Debug build test.sh made, Production environment) on the test PostgreSQL and
/// Redis, with nginx in front as <c>scripts/cluster.sh</c> deploys them: round-robin for the API, sticky
/// for the dashboard. Separate processes, so only what PostgreSQL and Redis carry is shared between them.
/// </summary>
public sealed class LoadBalancedCluster : IAsyncLifetime
{
    private readonly string _root = TestServices.RepositoryRoot() ?? throw new InvalidOperationException("no checkout");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"boltly-cluster-{Guid.NewGuid():N}");

    public int PortA { get; } = FreePort();
    public int PortB { get; } = FreePort();
    public int NginxPort { get; } = FreePort();

    public Uri Nginx => new($"http://127.0.0.1:{NginxPort}");
    public Uri InstanceA => new($"http://127.0.0.1:{PortA}");
    public Uri InstanceB => new($"http://127.0.0.1:{PortB}");

    public HttpClient Client(Uri address) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 256 })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public async ValueTask InitializeAsync()
    {
        await PortalHost.EnsureMigratedAsync();
        Directory.CreateDirectory(_dir);
        await RunAsync("start", TimeSpan.FromMinutes(3));
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", TimeSpan.FromSeconds(30), throwOnFailure: false);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task RunAsync(string command, TimeSpan timeout, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(_root, "scripts", "cluster.sh"), command])
        {
            WorkingDirectory = _root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CLUSTER_DIR"] = _dir;
        start.Environment["CLUSTER_APP_DIR"] = Path.Combine(_root, "App", "bin", "Debug", "net10.0");
        start.Environment["CLUSTER_CONFIGURATION"] = "Debug";
        start.Environment["CLUSTER_POSTGRES"] = TestServices.Postgres;
        start.Environment["CLUSTER_REDIS"] = TestServices.Redis;
        start.Environment["CLUSTER_REDIS_PREFIX"] = PortalHost.NewRedisPrefix();
        start.Environment["CLUSTER_PORT_A"] = PortA.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_PORT_B"] = PortB.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CLUSTER_NGINX_PORT"] = NginxPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        var log = await stdout + await stderr;
        if (throwOnFailure && (!process.HasExited || process.ExitCode != 0))
            throw new InvalidOperationException($"scripts/cluster.sh {command} failed:\n{log}\n{AppLogs()}");
    }

    private string AppLogs() => string.Join("\n", new[] { "a.log", "b.log", "nginx/error.log" }
        .Select(f => Path.Combine(_dir, f)).Where(File.Exists).Select(f => $"--- {f}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
