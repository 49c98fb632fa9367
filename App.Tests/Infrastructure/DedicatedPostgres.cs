using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Boltly.Migrations;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb + pg_ctl from BOLTLY_PG_BIN) on a free loopback
/// port, that the test can stop and start again without touching the shared test cluster. As root the
/// binaries run as the postgres user, in a folder under /var/tmp that user can reach. It keeps PostgreSQL's
/// durable defaults (fsync, synchronous_commit, full_page_writes on), as a production server does, so a
/// test that crashes it sees what a real crash keeps.
/// </summary>
public sealed class DedicatedPostgres : IAsyncDisposable
{
    private readonly string _bin = ResolveBin();
    private readonly string _dataDir = Path.Combine("/var/tmp", $"boltly-test-pg-{Guid.NewGuid():N}");
    private bool _initialised;

    public int Port { get; } = FreePort();
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=3;Command Timeout=10";

    /// <summary>Creates the cluster, starts it and applies the migrations.</summary>
    public async Task StartNewAsync()
    {
        Directory.CreateDirectory(_dataDir);
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", "postgres:postgres", _dataDir);
        await RunPgAsync("initdb", "-D", _dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        _initialised = true;
        await File.AppendAllTextAsync(Path.Combine(_dataDir, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {Port}\nunix_socket_directories = '{_dataDir}'\nmax_connections = 100\n");
        await StartAsync();
        await Migrator.MigrateAsync(ConnectionString);
    }

    public Task StartAsync() => RunPgAsync("pg_ctl", "-D", _dataDir, "-l", Path.Combine(_dataDir, "server.log"), "-w", "-t", "60", "start");

    /// <summary>Stops the server the way an operator restart does (fast shutdown: connections are cut).</summary>
    public Task StopAsync() => RunPgAsync("pg_ctl", "-D", _dataDir, "-m", "fast", "-w", "stop");

    /// <summary>Stops the server the way a crash or a power cut does (immediate shutdown: no checkpoint; the
    /// next start replays the write-ahead log).</summary>
    public Task CrashAsync() => RunPgAsync("pg_ctl", "-D", _dataDir, "-m", "immediate", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (_initialised)
        {
            try { await RunPgAsync("pg_ctl", "-D", _dataDir, "-m", "immediate", "stop"); } catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task RunPgAsync(string tool, params string[] args)
    {
        var exe = Path.Combine(_bin, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", exe, .. args])
            : RunAsync(exe, args);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr} {await stdout}");
    }

    private static string ResolveBin()
    {
        if (Environment.GetEnvironmentVariable("BOLTLY_PG_BIN") is { Length: > 0 } fromEnv) return fromEnv;
        try { if (TestServices.Get("BOLTLY_PG_BIN") is { Length: > 0 } local) return local; }
        catch (InvalidOperationException) { }
        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .OrderByDescending(d => d, StringComparer.Ordinal).First(Directory.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
