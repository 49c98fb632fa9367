using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The signature headers of a delivery, both formats (docs/webhooks.md):
/// <list type="bullet">
/// <item><c>Boltly-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>, keyed with the
/// secret's UTF-8 bytes; one <c>v1</c> per signing secret during a rotation.</item>
/// <item>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// "&lt;id&gt;.&lt;timestamp&gt;.&lt;body&gt;"&gt;</c> keyed with <see cref="WebhookSigningSecrets.StandardKey"/>, space-separated
/// one per signing secret (and, with several, the current one's again at the end).</item>
/// </list>
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Boltly-Signature";
    public const string EventIdHeader = "Boltly-Event-Id";
    public const string EventTypeHeader = "Boltly-Event-Type";
    public const string StandardIdHeader = "webhook-id";
    public const string StandardTimestampHeader = "webhook-timestamp";
    public const string StandardSignatureHeader = "webhook-signature";

    /// <summary>Adds both formats' headers, signed with every secret in <paramref name="secrets"/> (the current one first).</summary>
    public static void Sign(HttpRequestHeaders headers, IReadOnlyList<string> secrets, string eventId, long timestamp, byte[] body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        headers.Add(Header, $"t={t}," + string.Join(',', secrets.Select(s => "v1=" + Convert.ToHexStringLower(BoltlyMac(s, t, body)))));
        headers.Add(StandardIdHeader, eventId);
        headers.Add(StandardTimestampHeader, t);
        var standard = secrets.Select(s => "v1," + Convert.ToBase64String(StandardMac(s, eventId, t, body))).ToList();
        // With several, the first is repeated last: the StandardWebhooks NuGet package (1.1.2) never checks the last
        // entry of a list of several, so without the repeat a receiver using it would fail on the previous secret.
        if (standard.Count > 1) standard.Add(standard[0]);
        headers.Add(StandardSignatureHeader, string.Join(' ', standard));
    }

    /// <summary>The <c>Boltly-Signature</c> value for one secret.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Convert.ToHexStringLower(BoltlyMac(secret, t, body))}";
    }

    /// <summary>The <c>webhook-signature</c> value for one secret.</summary>
    public static string ComputeStandard(string secret, string eventId, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(StandardMac(secret, eventId, timestamp.ToString(CultureInfo.InvariantCulture), body));

    private static byte[] BoltlyMac(string secret, string t, ReadOnlySpan<byte> body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Signed(t + ".", body));

    private static byte[] StandardMac(string secret, string eventId, string t, ReadOnlySpan<byte> body) =>
        HMACSHA256.HashData(WebhookSigningSecrets.StandardKey(secret), Signed($"{eventId}.{t}.", body));

    private static byte[] Signed(string prefix, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes(prefix);
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return signed;
    }
}
