using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Boltly.Features.Webhooks;

/// <summary>The <c>Boltly-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;body&gt;"&gt;</c>
/// with the subscription's signing secret (docs/webhooks.md has the receiver's side).</summary>
public static class WebhookSignature
{
    public const string Header = "Boltly-Signature";
    public const string EventIdHeader = "Boltly-Event-Id";
    public const string EventTypeHeader = "Boltly-Event-Type";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
