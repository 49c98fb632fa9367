using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Boltly.Features.Webhooks;

/// <summary>
/// A subscription's signing secrets, stored as one value encrypted with Data Protection
/// (<see cref="WebhookSubscription.ProtectedSecret"/>): the current secret and, during a rotation's overlap, the
/// previous one until <see cref="PreviousUntil"/>. Stored as the bare secret when there is no previous one (so every
/// value stored before rotation existed reads as it is), as JSON otherwise. Never printed: ToString shows no secret.
/// </summary>
public sealed record WebhookSigningSecrets(string Current, string? Previous = null, DateTimeOffset? PreviousUntil = null)
{
    public const string Prefix = "whsec_";
    /// <summary>Random bytes in a new secret (the Standard Webhooks key length).</summary>
    public const int KeyBytes = 32;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>A new secret: <c>whsec_</c> and the standard base64 of 32 random bytes.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The secrets that sign a delivery at <paramref name="now"/>: the current one first.</summary>
    public IReadOnlyList<string> ActiveAt(DateTimeOffset now) =>
        Previous is not null && PreviousUntil > now ? [Current, Previous] : [Current];

    /// <summary><paramref name="next"/> becomes current; the current one keeps signing until <paramref name="previousUntil"/>
    /// (not at all when that is not after <paramref name="now"/>). A secret older than the current one stops at once.</summary>
    public WebhookSigningSecrets Rotate(string next, DateTimeOffset now, DateTimeOffset previousUntil) =>
        previousUntil > now ? new(next, Current, previousUntil) : new(next);

    public string Serialize() => Previous is null ? Current : JsonSerializer.Serialize(this, Json);

    public static WebhookSigningSecrets Parse(string stored) =>
        stored.StartsWith('{')
            ? JsonSerializer.Deserialize<WebhookSigningSecrets>(stored, Json) ?? throw new FormatException("Empty signing secrets.")
            : new WebhookSigningSecrets(stored);

    /// <summary>
    /// The HMAC key of the Standard Webhooks signature: the bytes that the standard base64 after <c>whsec_</c> encodes.
    /// A secret that is not standard base64 there (those made before the format was adopted: <c>whsec_</c> and URL-safe
    /// base64 without padding) is keyed with its UTF-8 bytes, as <c>Boltly-Signature</c> is (docs/webhooks.md).
    /// </summary>
    public static byte[] StandardKey(string secret)
    {
        if (secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var encoded = secret.AsSpan(Prefix.Length);
            var bytes = new byte[encoded.Length];
            if (encoded.Length > 0 && Convert.TryFromBase64Chars(encoded, bytes, out var written)) return bytes[..written];
        }
        return Encoding.UTF8.GetBytes(secret);
    }

    // Records print their members; a secret must never reach a log.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PreviousUntil = ").Append(PreviousUntil);
        return true;
    }
}
