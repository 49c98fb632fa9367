using System.Globalization;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// A rolling key's responses say when it stops working: <c>Deprecation</c> (RFC 9745, <c>@&lt;unix seconds&gt;</c>) and
/// <c>Sunset</c> (RFC 8594, an HTTP-date), both the end of the roll's grace, so a client can log or alert before it fails.
/// </summary>
public static class ApiKeyLifecycleHeaders
{
    public const string Deprecation = "Deprecation";
    public const string Sunset = "Sunset";

    public static void Write(HttpResponse response, ApiKeyRecord record)
    {
        if (record.GraceEndsAt is not { } end) return;
        response.Headers[Deprecation] = "@" + end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers[Sunset] = end.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
    }
}
