using Boltly.Components.Shared;

namespace Boltly.Tests.Components;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-20, "just now")]
    [InlineData(20, "in less than a minute")]
    [InlineData(-60, "1 minute ago")]
    [InlineData(-5 * 60, "5 minutes ago")]
    [InlineData(-3 * 3600, "3 hours ago")]
    [InlineData(-26 * 3600, "1 day ago")]
    // A key made "for 30 days" a moment ago still reads as 30 days, not 29.
    [InlineData(30 * 86400 - 5, "in 30 days")]
    [InlineData(7 * 86400 - 5, "in 7 days")]
    [InlineData(60 * 86400 - 5, "in 2 months")]
    [InlineData(90 * 86400 - 5, "in 3 months")]
    [InlineData(365 * 86400 - 5, "in 1 year")]
    [InlineData(-800 * 86400, "2 years ago")]
    public void Formats_relative_to_now(int seconds, string expected) =>
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(seconds), Now));

    [Fact]
    public void Absolute_time_is_utc_whatever_the_offset() =>
        Assert.Equal("2030-06-01 10:00 UTC", RelativeTime.Absolute(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.FromHours(2))));
}
