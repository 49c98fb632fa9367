using Boltly.Platform.Errors;

namespace Boltly.Tests.Domain.Usage;

/// <summary>The pure rules of usage: outcomes from statuses, the status filter, bucket arithmetic, the range's defaults.</summary>
public sealed class UsageRulesTests
{
    [Theory]
    [InlineData(200, null, UsageOutcome.Success)]
    [InlineData(204, null, UsageOutcome.Success)]
    [InlineData(302, null, UsageOutcome.Success)]
    [InlineData(400, ErrorCodes.ValidationFailed, UsageOutcome.ClientError)]
    [InlineData(403, ErrorCodes.SessionRequired, UsageOutcome.ClientError)]
    [InlineData(403, ErrorCodes.InsufficientScope, UsageOutcome.InsufficientScope)]
    [InlineData(403, ErrorCodes.IpNotAllowed, UsageOutcome.IpNotAllowed)]
    [InlineData(404, ErrorCodes.NotFound, UsageOutcome.ClientError)]
    [InlineData(429, ErrorCodes.RateLimitExceeded, UsageOutcome.RateLimited)]
    [InlineData(500, ErrorCodes.InternalError, UsageOutcome.ServerError)]
    [InlineData(503, ErrorCodes.ServiceUnavailable, UsageOutcome.ServerError)]
    public void Each_status_has_its_outcome(int status, string? code, UsageOutcome expected) =>
        Assert.Equal(expected, UsageOutcomes.Of(status, code));

    [Fact]
    public void Every_outcome_has_its_name_in_order() =>
        Assert.Equal(Enum.GetValues<UsageOutcome>().Length, UsageOutcomes.Names.Length);

    [Theory]
    [InlineData("2xx", 200, 299)]
    [InlineData("4xx", 400, 499)]
    [InlineData("404", 404, 404)]
    [InlineData("503", 503, 503)]
    public void A_status_filter_is_a_code_or_a_class(string text, int low, int high) =>
        Assert.Equal(new StatusFilter(low, high), StatusFilter.Parse(text));

    [Theory]
    [InlineData("6xx")]
    [InlineData("99")]
    [InlineData("600")]
    [InlineData("abc")]
    [InlineData("-40")]
    [InlineData("4x")]
    public void Anything_else_is_refused(string text) =>
        Assert.Throws<DomainValidationException>(() => StatusFilter.Parse(text));

    [Fact]
    public void Buckets_align_in_utc()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 6, 0, TimeSpan.Zero), UsageBuckets.Floor(at, UsageGranularity.Minute));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero), UsageBuckets.Floor(at, UsageGranularity.Hour));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), UsageBuckets.Floor(at, UsageGranularity.Day));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 4, 0, 0, TimeSpan.Zero), UsageBuckets.Ceiling(at, UsageGranularity.Hour));
        var whole = new DateTimeOffset(2026, 3, 4, 4, 0, 0, TimeSpan.Zero);
        Assert.Equal(whole, UsageBuckets.Ceiling(whole, UsageGranularity.Hour));
        Assert.Equal(24, UsageBuckets.Count(whole, whole.AddDays(1), UsageGranularity.Hour));
    }

    [Fact]
    public void The_range_defaults_to_the_last_day_by_hour_and_refuses_nonsense()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        Assert.Equal(new UsageRange(now.AddHours(-24), now, UsageGranularity.Hour), UsageRange.Parse(null, null, null, now));
        Assert.Equal(new UsageRange(now.AddHours(-1), now, UsageGranularity.Minute), UsageRange.Parse(null, null, "minute", now));
        Assert.Equal(new UsageRange(now.AddDays(-30), now, UsageGranularity.Day), UsageRange.Parse(null, null, "day", now));
        Assert.Throws<DomainValidationException>(() => UsageRange.Parse(null, null, "week", now));
        Assert.Throws<DomainValidationException>(() => UsageRange.Parse(now, now, null, now));
        Assert.Throws<DomainValidationException>(() => UsageRange.Parse(null, DateTimeOffset.MinValue, null, now));
    }

    [Fact]
    public void A_key_minute_round_trips_through_its_redis_name()
    {
        var keyMinute = new KeyMinute(Guid.NewGuid(), Guid.NewGuid(), 29_000_000);
        Assert.True(KeyMinute.TryParse(keyMinute.RedisKey("p:"), "p:", out var parsed));
        Assert.Equal(keyMinute, parsed);
        Assert.False(KeyMinute.TryParse("p:usage:batch:x:1", "p:", out _));
    }

    [Fact]
    public void Request_ids_are_version_7_in_increasing_order_and_spelled_req_and_32_hex()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => MonotonicUuidV7.NewRequestId()).ToList();
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // PostgreSQL orders uuids by their big-endian bytes, as the log's keyset pagination does.
        for (var i = 1; i < ids.Count; i++)
            Assert.True(ids[i - 1].ToString("N").CompareTo(ids[i].ToString("N")) < 0, $"id {i} is not after id {i - 1}");
        Assert.Matches("^req_[0-9a-f]{32}$", Boltly.Platform.Http.RequestIds.Format(ids[0]));
        Assert.Equal("req_" + ids[0].ToString("N"), Boltly.Platform.Http.RequestIds.Format(ids[0]));
    }
}
