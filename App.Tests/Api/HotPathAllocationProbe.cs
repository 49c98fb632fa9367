using System.Net;
using Boltly.Platform.Api;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api;

/// <summary>
/// A measurement, not a CI test (skipped unless <c>BOLTLY_ALLOC_PROBE=1</c>; bench/RESULTS.md): bytes allocated in the
/// test process (client and host) per sequential request on the twin baseline, whoami with a key and whoami with a JWT,
/// three rounds, then the runtime's allocation samples (one per ~100 KB) by type over 5,000 more requests of each.
/// Allocation does not depend on the machine's load, which the benchmark's throughput does. Writes alloc-probe.txt
/// to TestResults.
/// </summary>
public sealed class HotPathAllocationProbe
{
    public static bool Enabled => Environment.GetEnvironmentVariable("BOLTLY_ALLOC_PROBE") is not null;

    [Fact(Skip = "a measurement: BOLTLY_ALLOC_PROBE=1 runs it", SkipUnless = nameof(Enabled))]
    public async Task Bytes_per_request()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = "100000000",
            ["RateLimits:SessionPerWindow"] = "100000000",
        }) { Environment = BenchOnlyControllers.EnvironmentName });
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var paths = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("twin", () => client.GetAsync("/v1/bench/whoami-twin")),
            ("key", () => client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)),
            ("jwt", () => client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", jwt)),
        };
        var report = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (name, send) in paths)
            {
                const int n = 2000;
                for (var i = 0; i < 300; i++) (await send()).Dispose();
                var bytes = GC.GetTotalAllocatedBytes(true);
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < n; i++)
                {
                    using var response = await send();
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
                var perRequest = (GC.GetTotalAllocatedBytes(true) - bytes) / n;
                if (round == 2)
                {
                    using var listener = new AllocationListener();
                    for (var i = 0; i < 5000; i++) (await send()).Dispose();
                    listener.Dispose();
                    report.Add($"{name}: allocation samples (100 KB each) by type over 5000 requests");
                    report.AddRange(listener.Types.OrderByDescending(t => t.Value).Take(40).Select(t => $"  {t.Value,5} {t.Key}"));
                }
                var us = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / n;
                report.Add($"round {round} {name}: {perRequest} B/request, {us:F0} µs CPU/request (client included)");
            }
        }
        await File.WriteAllLinesAsync(Path.Combine(Environment.GetEnvironmentVariable("BOLTLY_TEST_RESULTS") ?? "/tmp", "alloc-probe.txt"), report);
    }

    private sealed class AllocationListener : System.Diagnostics.Tracing.EventListener
    {
        public System.Collections.Concurrent.ConcurrentDictionary<string, int> Types { get; } = new();

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.PayloadNames is null) return;
            var i = e.PayloadNames.IndexOf("TypeName");
            if (i >= 0 && e.Payload?[i] is string type) Types.AddOrUpdate(type, 1, (_, c) => c + 1);
        }
    }
}
