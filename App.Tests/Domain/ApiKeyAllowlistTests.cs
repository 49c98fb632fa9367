using System.Net;

namespace Boltly.Tests.Domain;

/// <summary>The allowlist's entries and matching (<see cref="ApiKeyAllowlist"/>), with <see cref="IPNetwork"/>.</summary>
public sealed class ApiKeyAllowlistTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("203.0.113.7/32", "203.0.113.7")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Entries_are_stored_in_canonical_form(string entry, string canonical)
    {
        Assert.True(ApiKeyAllowlist.TryCanonical(entry, out var value, out var problem), problem);
        Assert.Equal(canonical, value);
    }

    [Theory]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("1", "not an IPv4")]
    [InlineData("0x7f.0.0.1", "not an IPv4")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("fe80::1%eth0", "not an IPv4")]
    [InlineData("", "not an IPv4")]
    public void Bad_entries_are_refused_with_a_message_naming_them(string entry, string message)
    {
        Assert.False(ApiKeyAllowlist.TryCanonical(entry, out _, out var problem));
        Assert.Contains(message, problem);
    }

    [Fact]
    public void More_than_twenty_distinct_entries_are_refused_and_duplicates_count_once()
    {
        Assert.NotNull(ApiKeyAllowlist.Normalize(Enumerable.Range(1, 21).Select(i => (string?)$"192.0.2.{i}").ToList()).Problem);
        var (entries, problem) = ApiKeyAllowlist.Normalize(Enumerable.Repeat((string?)"192.0.2.1", 30).ToList());
        Assert.Null(problem);
        Assert.Equal(["192.0.2.1"], entries);
    }

    [Fact]
    public void Matching_takes_ranges_single_addresses_ipv6_and_ipv4_mapped_clients()
    {
        var networks = ApiKeyAllowlist.Parse(["203.0.113.0/24", "192.0.2.7", "2001:db8::/32"]);
        Assert.True(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("203.0.113.200")));
        Assert.True(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("192.0.2.7")));
        Assert.True(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("::ffff:203.0.113.1")));
        Assert.True(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("2001:db8:ffff::1")));
        Assert.False(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("192.0.2.8")));
        Assert.False(ApiKeyAllowlist.Admits(networks, IPAddress.Parse("2001:db9::1")));
        Assert.False(ApiKeyAllowlist.Admits(networks, null));
        Assert.True(ApiKeyAllowlist.Admits([], IPAddress.Parse("198.51.100.1")));
    }
}
