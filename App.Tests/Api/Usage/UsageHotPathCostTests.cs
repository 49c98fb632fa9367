using System.Diagnostics;
using System.Net;
using System.Diagnostics.Metrics;
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
            var id = MonotonicUuidV7.NewId();
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
        for (var i = 0; i < Iterations; i++) OneRequest();
        clock.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - bytesBefore) / (double)Iterations;
        var nanoseconds = clock.Elapsed.TotalNanoseconds / Iterations;
        output.WriteLine($"per request: {nanoseconds:F0} ns, {bytes:F1} bytes allocated (the request id string is 96)");

        Assert.InRange(bytes, 0, 100);
        Assert.True(queue.Dropped > 0);
        Assert.InRange(nanoseconds, 0, 2000);
    }
}
