namespace Boltly.Tests.Infrastructure;

/// <summary>Real time plus an offset tests can move forward: expiry, lockout and rate-limit windows
/// are tested by moving the clock, never by sleeping.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>Moves this clock (and <paramref name="others"/> by the same amount) to one second into a
    /// fresh 60-second window, so a test's requests share one rate-limit window.</summary>
    public void AlignToWindowStart(params TestClock[] others)
    {
        var now = GetUtcNow().ToUnixTimeMilliseconds();
        var toNext = TimeSpan.FromMilliseconds(60_000 - now % 60_000 + 1_000);
        Advance(toNext);
        foreach (var c in others) c.Advance(toNext);
    }
}
