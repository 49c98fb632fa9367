using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime.InteropServices;
using Boltly.Platform.Http;
using Boltly.Platform.Redis;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Tests.Api.Usage;

/// <summary>What usage adds to a request made with a key: the request id, the count and the queued log entry,
/// measured without HTTP around them (bench/ measures the whole path). The allocation figure is exact; the time
/// is printed and bounded loosely, as a shared 2-core machine allows.</summary>
[Collection(TimingSensitive.Name)]
public sealed class UsageHotPathCostTests(SharedPortal portal, ITestOutputHelper output)
{
    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // a test helper: DllImport keeps the project free of unsafe code
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    private static long ThreadCpuNanoseconds()
    {
        Assert.Equal(0, ClockGetTime(ThreadCpuClock, out var t));
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }

    [Fact]
    public void Counting_and_queueing_a_request_allocates_only_its_request_id()
    {
        var services = portal.Host.Services;
        var options = Options.Create(new UsageOptions());
        var counter = new UsageCounter(services.GetRequiredService<IConnectionMultiplexer>(), options,
            services.GetRequiredService<IOptions<RedisOptions>>(), TimeProvider.System, NullLogger<UsageCounter>.Instance);
        var queue = new RequestLogQueue(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), options,
            services.GetRequiredService<IMeterFactory>(), NullLogger<RequestLogQueue>.Instance);
        var (account, key) = (Guid.NewGuid(), Guid.NewGuid());
        var address = IPAddress.Loopback;

        void OneRequest()
        {
            var id = MonotonicUuidV7.NewRequestId();
            _ = RequestIds.Format(id);
            var at = TimeProvider.System.GetUtcNow();
            var started = TimeProvider.System.GetTimestamp();
            counter.Record(account, key, UsageOutcome.Success, at);
            queue.Enqueue(new PendingRequest(id, account, key, at, "GET", "/v1/contacts", 200,
                (int)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, address, "curl/8.5.0"));
        }

        const int Iterations = 200_000;
        // Past the queue's capacity, so the measured entries also drop the oldest (the full-queue path).
        for (var i = 0; i < options.Value.RequestLogQueueCapacity + 1000; i++) OneRequest();
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var cpuBefore = ThreadCpuNanoseconds();
        for (var i = 0; i < Iterations; i++) OneRequest();
        var cpu = (ThreadCpuNanoseconds() - cpuBefore) / (double)Iterations;
        clock.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (double)Iterations;
        var wall = clock.Elapsed.TotalNanoseconds / Iterations;
        output.WriteLine($"per request: {cpu:F0} ns of this thread's CPU ({wall:F0} ns wall clock), {bytes:F1} bytes allocated (the request id string is 96)");

        // Each part alone, to show where the time goes.
        var id0 = MonotonicUuidV7.NewRequestId();
        var at0 = TimeProvider.System.GetUtcNow();
        var parts = new (string Name, Action Run)[]
        {
            ("id", () => _ = MonotonicUuidV7.NewRequestId()),
            ("id text", () => _ = RequestIds.Format(id0)),
            ("clock", () => _ = TimeProvider.System.GetUtcNow()),
            ("count", () => counter.Record(account, key, UsageOutcome.Success, at0)),
            ("queue", () => queue.Enqueue(new PendingRequest(id0, account, key, at0, "GET", "/v1/contacts", 200, 1, address, "curl/8.5.0"))),
        };
        foreach (var (name, run) in parts)
        {
            var before = ThreadCpuNanoseconds();
            for (var i = 0; i < Iterations; i++) run();
            output.WriteLine($"  {name}: {(ThreadCpuNanoseconds() - before) / (double)Iterations:F0} ns");
        }

        Assert.InRange(bytes, 0, 100);
        Assert.True(queue.Dropped > 0);
        // The budget is CPU per request (2 µs for all of usage); wall-clock time on a loaded machine says little.
        Assert.InRange(cpu, 0, 2000);
    }
}
