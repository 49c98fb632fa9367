namespace Boltly.Tests.Infrastructure;

/// <summary>Real time plus an offset tests can move forward: expiry, lockout and rate-limit windows
/// are tested by moving the clock, never by sleeping.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
