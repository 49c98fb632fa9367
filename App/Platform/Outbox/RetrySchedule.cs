namespace Boltly.Platform.Outbox;

/// <summary>
/// The waits between attempts: the n-th failed attempt waits the n-th delay, the last one repeating, until the
/// give-up time; the last retry is moved up to the give-up time so a message gets the whole period.
/// </summary>
public sealed class RetrySchedule
{
    public RetrySchedule(IReadOnlyList<TimeSpan> delays)
    {
        if (delays.Count == 0) throw new ArgumentException("A schedule needs at least one delay.", nameof(delays));
        Delays = delays;
    }

    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>A delay that doubles from <paramref name="first"/> up to <paramref name="max"/>.</summary>
    public static RetrySchedule Doubling(TimeSpan first, TimeSpan max)
    {
        var delays = new List<TimeSpan>();
        for (var d = first; d < max; d *= 2) delays.Add(d);
        delays.Add(max);
        return new RetrySchedule(delays);
    }

    /// <summary>The wait after the <paramref name="failedAttempts"/>th failed attempt (1 for the first).</summary>
    public TimeSpan DelayAfter(int failedAttempts) => Delays[Math.Clamp(failedAttempts, 1, Delays.Count) - 1];

    /// <summary>The next attempt's time, or null when retries are over.</summary>
    public DateTimeOffset? Next(DateTimeOffset now, int failedAttempts, DateTimeOffset giveUpAt, DateTimeOffset? notBefore = null)
    {
        if (now >= giveUpAt) return null;
        var next = notBefore ?? now + DelayAfter(failedAttempts);
        if (next < now) next = now;
        return next > giveUpAt ? giveUpAt : next;
    }
}
