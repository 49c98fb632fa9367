using System.Collections.Concurrent;
using Boltly.Platform.Scheduling;

namespace Boltly.Tests.Platform.Scheduling;

/// <summary>A job that records who ran it and how many of its runs overlapped; each host gets its own instance,
/// all sharing one <see cref="ProbeJob.Log"/>.</summary>
public sealed class ProbeJob(ProbeJob.Log log, string instance, TimeSpan interval, TimeSpan duration) : IScheduledJob
{
    public string Name => log.Name;

    public TimeSpan Interval => interval;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref log.Running);
        log.Runs.Enqueue(instance);
        int seen;
        while (running > (seen = Volatile.Read(ref log.MaxRunning)) && Interlocked.CompareExchange(ref log.MaxRunning, running, seen) != seen) { }
        try { await Task.Delay(duration, cancellationToken); }
        finally { Interlocked.Decrement(ref log.Running); }
    }

    public sealed class Log
    {
        public string Name { get; } = $"test.probe-{Guid.NewGuid():N}";
        public ConcurrentQueue<string> Runs { get; } = new();
        public int Running;
        public int MaxRunning;
    }
}
