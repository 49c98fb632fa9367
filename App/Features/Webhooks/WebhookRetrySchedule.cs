using Boltly.Platform.Outbox;

namespace Boltly.Features.Webhooks;

/// <summary>When a failed delivery is tried again (docs/webhooks.md): about 1 min, 5 min, 30 min, 2 h, 6 h, 12 h,
/// then daily, until the give-up time (<see cref="WebhookOptions.GiveUpAfterHours"/>); the outbox applies it.</summary>
public static class WebhookRetrySchedule
{
    public static readonly RetrySchedule Schedule = new(
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
         TimeSpan.FromHours(12), TimeSpan.FromDays(1)]);

    /// <summary>The wait after the <paramref name="failedAttempts"/>th failed attempt (1 for the first).</summary>
    public static TimeSpan DelayAfter(int failedAttempts) => Schedule.DelayAfter(failedAttempts);

    /// <summary>The next attempt's time, or null when retries are over. The last retry is moved up to the give-up
    /// time so a subscription gets the whole period.</summary>
    public static DateTimeOffset? Next(DateTimeOffset now, int failedAttempts, DateTimeOffset retryUntil) => Schedule.Next(now, failedAttempts, retryUntil);
}
