using System.IO.Hashing;
using System.Text;
namespace Boltly.Tests.Domain;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Generated_keys_have_the_contract_shape_and_a_valid_checksum()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeyFormat.Generate()).ToList();
        foreach (var k in keys)
        {
            Assert.Matches("^sk_live_[0-9a-f]{32}[0-9a-f]{8}$", k.Secret);
            Assert.Equal(48, k.Secret.Length);
            Assert.Equal(k.Secret[..16], k.DisplayPrefix);
            var crc = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(k.Secret[8..40])).ToString("x8");
            Assert.Equal(crc, k.Secret[40..]);
            Assert.True(ApiKeyFormat.IsWellFormed(k.Secret));
            Assert.Equal(64, k.Hash.Length);
        }
        Assert.Equal(keys.Count, keys.Select(k => k.Secret).Distinct().Count());
    }

    [Fact]
    public void Known_checksum_vector()
    {
        // CRC-32 (IEEE, as zlib.crc32) of the ASCII text "0123456789abcdef0123456789abcdef" is 0x7759b50e.
        const string body = "0123456789abcdef0123456789abcdef";
        Assert.Equal("7759b50e", ApiKeyFormat.Checksum(body));
        Assert.True(ApiKeyFormat.IsWellFormed("sk_live_" + body + "7759b50e"));
        Assert.False(ApiKeyFormat.IsWellFormed("sk_live_" + body + "7759b50f"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk_live_")]
    [InlineData("sk_test_0123456789abcdef0123456789abcdef00000000")]
    [InlineData("sk_live_0123456789ABCDEF0123456789abcdef00000000")]
    [InlineData("sk_live_0123456789abcdef0123456789abcdef0000000")]
    [InlineData("sk_live_0123456789abcdef0123456789abcdef000000000")]
    [InlineData("sk_live_0123456789abcdeg0123456789abcdef00000000")]
    public void Malformed_strings_are_refused(string candidate) => Assert.False(ApiKeyFormat.IsWellFormed(candidate));

    [Fact]
    public void A_single_changed_character_breaks_the_checksum()
    {
        var key = ApiKeyFormat.Generate().Secret;
        for (var i = 8; i < 40; i++)
        {
            var c = key[i] == 'a' ? 'b' : 'a';
            var typo = key[..i] + c + key[(i + 1)..];
            Assert.False(ApiKeyFormat.IsWellFormed(typo), typo);
        }
    }
}
