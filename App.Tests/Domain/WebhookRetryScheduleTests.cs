namespace Boltly.Tests.Domain;

/// <summary>The retry schedule and the signature, as pure rules (docs/webhooks.md).</summary>
public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Event = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retries_follow_1_5_30_minutes_2_6_12_hours_then_daily_until_3_days_then_stop()
    {
        var until = Event.AddHours(72);
        var now = Event;
        var waits = new List<TimeSpan>();
        for (var failed = 1; WebhookRetrySchedule.Next(now, failed, until) is { } next; failed++)
        {
            waits.Add(next - now);
            now = next;
        }
        Assert.Equal(
            [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6),
             TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(1), until - Event.AddHours(68) - TimeSpan.FromMinutes(36)],
            waits);
        Assert.Equal(until, now);   // the last retry is moved up to the give-up time
    }

    [Fact]
    public void The_signature_is_hex_HMAC_SHA256_of_t_dot_body()
    {
        // Computed independently: printf '1764583200.{}' | openssl dgst -sha256 -hmac whsec_test
        const string expected = "73b756db3769723ece1a47066a88c61c8320b8459685727030e8151e4561f912";
        Assert.Equal($"t=1764583200,v1={expected}", WebhookSignature.Compute("whsec_test", 1764583200, "{}"u8));
    }
}
