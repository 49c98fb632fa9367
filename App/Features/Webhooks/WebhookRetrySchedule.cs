namespace Boltly.Features.Webhooks;

/// <summary>When a failed delivery is tried again (docs/webhooks.md): about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h,
/// then daily, until the give-up time (<see cref="WebhookOptions.GiveUpAfterHours"/>).</summary>
public static class WebhookRetrySchedule
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12)];

    private static readonly TimeSpan Daily = TimeSpan.FromDays(1);

    /// <summary>The wait after the <paramref name="failedAttempts"/>th failed attempt (1 for the first).</summary>
    public static TimeSpan DelayAfter(int failedAttempts) =>
        failedAttempts >= 1 && failedAttempts <= Delays.Length ? Delays[failedAttempts - 1] : Daily;

    /// <summary>The next attempt's time, or null when retries are over. The last retry is moved up to the give-up
    /// time so a subscription gets the whole period.</summary>
    public static DateTimeOffset? Next(DateTimeOffset now, int failedAttempts, DateTimeOffset retryUntil)
    {
        if (now >= retryUntil) return null;
        var next = now + DelayAfter(failedAttempts);
        return next > retryUntil ? retryUntil : next;
    }
}
