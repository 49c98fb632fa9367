using Microsoft.Net.Http.Headers;

namespace Boltly.Platform.Auth;

/// <summary>
/// How a request presents its credential: the <c>X-API-Key</c> header, <c>Authorization: Bearer …</c>
/// (an API key when it starts with <see cref="ApiKeyPrefix"/>, otherwise a JWT), or the dashboard cookie.
/// Every reader of those headers goes through here (docs/authorization.md).
/// </summary>
public static class PresentedCredentials
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>What every API key starts with (docs/api-keys.md, "Format").</summary>
    public const string ApiKeyPrefix = "sk_live_";

    /// <summary>The bearer token of <c>Authorization</c>, trimmed, or null when there is none.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    /// <summary>The bearer token of <c>Authorization</c>, trimmed, without copying it (empty when there is none):
    /// the JWT validation cache's lookup on every request (ADR 0022).</summary>
    public static ReadOnlySpan<char> BearerSpan(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization.AsSpan(7).Trim() : [];
    }

    /// <summary>True when <paramref name="bearer"/> is shaped like an API key rather than a JWT.</summary>
    public static bool IsApiKey(string? bearer) => bearer?.StartsWith(ApiKeyPrefix, StringComparison.Ordinal) == true;

    /// <summary>The <c>X-API-Key</c> header, trimmed ("" when absent).</summary>
    public static string ApiKeyHeaderValue(HttpRequest request) => request.Headers[ApiKeyHeader].ToString().Trim();
}
