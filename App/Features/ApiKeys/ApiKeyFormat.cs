using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Boltly.Platform.Auth;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// <c>sk_live_</c> + 32 lowercase hex (128 random bits) + 8 lowercase hex of the CRC-32 of those 32
/// characters: 48 characters. The checksum lets a typo or a made-up key be refused before any cache
/// or database is asked.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = PresentedCredentials.ApiKeyPrefix;
    public const int RandomHexLength = 32;
    public const int ChecksumHexLength = 8;
    public const int Length = 48;
    public const int DisplayPrefixLength = 16;
    // Longer input (not a well-formed key, hashed anyway by a caller) goes to the heap.
    private const int StackLimit = 256;

    public sealed record GeneratedKey(string Secret, string DisplayPrefix, string Hash)
    {
        // ToString (records print their members) must never show the secret.
        private bool PrintMembers(System.Text.StringBuilder builder)
        {
            builder.Append("DisplayPrefix = ").Append(DisplayPrefix);
            return true;
        }
    }

    public static GeneratedKey Generate()
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomHexLength / 2));
        var secret = Prefix + random + Checksum(random);
        return new GeneratedKey(secret, secret[..DisplayPrefixLength], Hash(secret));
    }

    /// <summary>True when <paramref name="candidate"/> has the shape and a correct checksum. Constant work per length.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length || !candidate.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var body = candidate[Prefix.Length..];
        foreach (var c in body)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        Span<char> expected = stackalloc char[ChecksumHexLength];
        WriteChecksum(body[..RandomHexLength], expected);
        return body[RandomHexLength..].SequenceEqual(expected);
    }

    /// <summary>Lowercase hex SHA-256 of the full key: what is stored and looked up. Works on the stack (a
    /// well-formed key is short) so the key path allocates only the hex text it looks up.</summary>
    public static string Hash(ReadOnlySpan<char> secret)
    {
        Span<byte> ascii = secret.Length <= StackLimit ? stackalloc byte[secret.Length] : new byte[secret.Length];
        var length = Encoding.ASCII.GetBytes(secret, ascii);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ascii[..length], digest);
        return Convert.ToHexStringLower(digest);
    }

    public static string Checksum(ReadOnlySpan<char> randomHex)
    {
        Span<char> text = stackalloc char[ChecksumHexLength];
        WriteChecksum(randomHex, text);
        return new string(text);
    }

    private static void WriteChecksum(ReadOnlySpan<char> randomHex, Span<char> destination)
    {
        Span<byte> ascii = stackalloc byte[randomHex.Length];
        Encoding.ASCII.GetBytes(randomHex, ascii);
        Crc32.HashToUInt32(ascii).TryFormat(destination, out _, "x8", CultureInfo.InvariantCulture);
    }
}
