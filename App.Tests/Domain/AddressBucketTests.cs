using Boltly.Platform.RateLimiting;

namespace Boltly.Tests.Domain;

/// <summary>Per-address limits count an IPv6 client per /64 (docs/security.md).</summary>
public sealed class AddressBucketTests
{
    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::1", "::/64")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData(null, "unknown")]
    [InlineData("not an address", "unknown")]
    public void An_address_is_counted_by_its_bucket(string? address, string bucket) =>
        Assert.Equal(bucket, RateLimitPolicies.AddressBucket(address));
}
