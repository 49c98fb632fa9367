using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.Bench;

/// <summary>
/// The dashboard's cost per signed-in person: one user signed in in headless Chromium opens the API Keys page
/// in <c>count</c> pages at once, each its own Blazor circuit on one instance. Measured: the time from each
/// navigation to an interactive page (the create button enabled, which needs the live circuit), and the app's
/// working set (/proc) and managed heap (after a full GC induced over EventPipe, read with dotnet-counters)
/// before and after, over the count. Then a second wave of <c>count</c> pages beside the first: its delta is the
/// marginal cost of a circuit, without what the first wave's burst made the runtime grow once (thread-pool threads,
/// tier-1 code, a second GC heap), which the first delta includes.
/// </summary>
public static class Circuits
{
    public static async Task<int> RunAsync(Uri instance, int pid, string email, string password, int count, string outFile)
    {
        // A few keys, so the page shows a table as an owner's would.
        var client = new BenchClient(instance);
        var jwt = await client.LoginAsync(email, password);
        for (var i = 0; i < 3; i++) await client.CreateKeyAsync(jwt, $"bench: circuit key {i}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = instance.ToString() });
        Assertions.SetDefaultExpectTimeout(60_000);

        // Sign in and open the page once (warms the app's components up); that circuit stays open throughout.
        var first = await context.NewPageAsync();
        await first.GotoAsync("account/login");
        await first.GetByLabel("Email").FillAsync(email);
        await first.GetByLabel("Password").FillAsync(password);
        await first.GetByTestId("sign-in").ClickAsync();
        await first.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await OpenInteractiveAsync(first);

        var before = await MeasureAsync(pid);
        await HeapDumpAsync(pid, "before");
        var pages = new List<IPage>();
        for (var i = 0; i < count; i++) pages.Add(await context.NewPageAsync());
        var times = await Task.WhenAll(pages.Select(OpenInteractiveAsync));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await MeasureAsync(pid);
        await HeapDumpAsync(pid, "after");
        var second = new List<IPage>();
        for (var i = 0; i < count; i++) second.Add(await context.NewPageAsync());
        await Task.WhenAll(second.Select(OpenInteractiveAsync));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var next = await MeasureAsync(pid);
        // Every page must still be live: a circuit that dropped would make the figure look cheaper.
        foreach (var page in pages.Concat(second)) await Expect(page.GetByTestId("create-key")).ToBeEnabledAsync();

        Array.Sort(times);
        var results = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_COUNT='{count}'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_WS_KB='{(after.WorkingSet - before.WorkingSet) / 1024.0 / count:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_HEAP_KB='{(after.Heap - before.Heap) / 1024.0 / count:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_NEXT_WS_KB='{(next.WorkingSet - after.WorkingSet) / 1024.0 / count:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_NEXT_HEAP_KB='{(next.Heap - after.Heap) / 1024.0 / count:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"INTERACTIVE_P50_MS='{times[times.Length / 2]:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"INTERACTIVE_MAX_MS='{times[^1]:F0}'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_BEFORE='ws {before.WorkingSet / 1024} KB, heap {before.Heap / 1024} KB'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_AFTER='ws {after.WorkingSet / 1024} KB, heap {after.Heap / 1024} KB'\n")
            .Append(CultureInfo.InvariantCulture, $"CIRCUIT_NEXT='ws {next.WorkingSet / 1024} KB, heap {next.Heap / 1024} KB'\n")
            .ToString();
        await File.WriteAllTextAsync(outFile, results);
        Console.Error.Write(results);
        return 0;
    }

    /// <summary>Milliseconds from navigation to an API Keys page whose create button works.</summary>
    private static async Task<double> OpenInteractiveAsync(IPage page)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("settings/api-keys");
        await Expect(page.GetByTestId("create-key")).ToBeEnabledAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(long WorkingSet, long Heap)> MeasureAsync(int pid)
    {
        // A session with the GCHeapCollect keyword makes the runtime run a full blocking GC.
        await ToolAsync($"dotnet-trace collect -p {pid} --providers Microsoft-Windows-DotNETRuntime:0x800000:4 --duration 00:00:00:02 -o {Path.GetTempPath()}boltly-bench-gc.nettrace");
        var csv = Path.Combine(Path.GetTempPath(), $"boltly-bench-counters-{pid}.csv");
        File.Delete(csv);
        await ToolAsync($"dotnet-counters collect -p {pid} --counters System.Runtime --format csv -o {csv} --duration 00:00:00:03");
        long workingSet = 0;
        var lastHeap = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in await File.ReadAllLinesAsync(csv))
        {
            var fields = line.Split(',');
            if (fields.Length < 5) continue;
            if (fields[2].StartsWith("dotnet.gc.last_collection.heap.size", StringComparison.Ordinal))
                lastHeap[fields[2]] = (long)double.Parse(fields[4], CultureInfo.InvariantCulture);
        }
        var heap = lastHeap.Values.Sum();
        foreach (var line in await File.ReadAllLinesAsync($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                workingSet = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return (workingSet, heap);
    }

    /// <summary>With BENCH_GCDUMP naming a dotnet-gcdump executable, a heap dump beside the figures (what the
    /// circuits hold, by type: <c>dotnet-gcdump report</c>); for investigating, not in the table.</summary>
    private static async Task HeapDumpAsync(int pid, string name)
    {
        if (Environment.GetEnvironmentVariable("BENCH_GCDUMP") is not { Length: > 0 } gcdump) return;
        using var process = Process.Start(gcdump, $"collect -p {pid} -o {Path.GetTempPath()}boltly-bench-{name}.gcdump")!;
        await process.WaitForExitAsync();
    }

    private static async Task ToolAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet", "tool run " + arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet tool run {arguments} failed: {await output}{await error}");
    }
}
