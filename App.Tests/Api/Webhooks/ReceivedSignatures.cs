using System.Security.Cryptography;
using System.Text;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StandardWebhooks;

namespace Boltly.Tests.Api.Webhooks;

/// <summary>A receiver's two ways to verify a delivery (docs/webhooks.md): the StandardWebhooks NuGet library, an
/// implementation no one here wrote, and <c>Boltly-Signature</c> checked as the docs' snippet does.</summary>
public static class ReceivedSignatures
{
    /// <summary>True when the StandardWebhooks library accepts the delivery with <paramref name="secret"/>
    /// (it checks <c>webhook-timestamp</c> against the real clock, within 5 minutes).</summary>
    public static bool VerifiesWithStandardLibrary(ReceivedWebhook hook, string secret)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in hook.Headers) headers[name] = new StringValues(value);
        try
        {
            new StandardWebhook(secret).Verify(hook.Body, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>True when one of the <c>v1</c> values of <c>Boltly-Signature</c> is the HMAC of <c>"&lt;t&gt;.&lt;body&gt;"</c> keyed with <paramref name="secret"/>.</summary>
    public static bool VerifiesBoltlySignature(ReceivedWebhook hook, string secret)
    {
        var parts = hook.Headers["Boltly-Signature"].Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = parts.Single(p => p[0] == "t")[1];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{hook.Body}"));
        return parts.Where(p => p[0] == "v1").Any(p => CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(p[1])));
    }

    /// <summary>How many different signatures each header carries: one per signing secret.</summary>
    public static (int Standard, int Boltly) SignatureCounts(ReceivedWebhook hook) =>
        (hook.Headers["webhook-signature"].Split(' ').Distinct().Count(), hook.Headers["Boltly-Signature"].Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal)));
}
