namespace Boltly.Features.Usage;

/// <summary>One key-minute's counts on this instance: <see cref="Counted"/> grows with lock-free increments on
/// the request path; <see cref="Pushed"/> is what the pusher has already put into a batch (its thread only).</summary>
public sealed class MinuteCounts
{
    public long[] Counted { get; } = new long[UsageOutcomes.Count];
    public long[] Pushed { get; } = new long[UsageOutcomes.Count];

    /// <summary>Moves what was counted since the last call into <paramref name="delta"/>; false when nothing was.</summary>
    public bool TakeDelta(Span<long> delta)
    {
        var any = false;
        for (var i = 0; i < UsageOutcomes.Count; i++)
        {
            var now = Interlocked.Read(ref Counted[i]);
            delta[i] = now - Pushed[i];
            Pushed[i] = now;
            any |= delta[i] != 0;
        }
        return any;
    }

    /// <summary>Everything counted has been put into a batch.</summary>
    public bool IsDrained()
    {
        for (var i = 0; i < UsageOutcomes.Count; i++)
            if (Interlocked.Read(ref Counted[i]) != Pushed[i]) return false;
        return true;
    }
}
