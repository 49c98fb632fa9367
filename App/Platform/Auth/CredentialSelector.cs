using Boltly.Platform.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Boltly.Platform.Auth;

/// <summary>
/// Chooses the handler for a request's credential. On the dashboard's branch (pages, <c>/_blazor</c>,
/// <c>/account/*</c>) only the dashboard cookie counts: an API key or a JWT there is not a credential at
/// all, so a key can never open a page that shows the account. On the API's branch (<see cref="ApiRequest"/>): an API key, a JWT or the
/// cookie, and a request carrying two of them is refused (docs/authorization.md: one credential per request).
/// </summary>
public static class CredentialSelector
{
    public static string Select(HttpContext context)
    {
        if (!ApiRequest.IsMarked(context)) return IdentityConstants.ApplicationScheme;
        // Read as spans: a JWT is not copied out of its header to choose its handler.
        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (Conflict(context, authorization) is not null) return AuthSchemes.Conflict;
        if (context.Request.Headers.ContainsKey(PresentedCredentials.ApiKeyHeader)) return AuthSchemes.ApiKey;
        if (BearerOf(authorization, out var bearer))
            return bearer.StartsWith(PresentedCredentials.ApiKeyPrefix, StringComparison.Ordinal) ? AuthSchemes.ApiKey : AuthSchemes.Jwt;
        return IdentityConstants.ApplicationScheme;
    }

    /// <summary>Why the request carries more than one credential, or null when it carries at most one.
    /// The same key sent both as <c>X-API-Key</c> and as <c>Bearer</c> is one credential.</summary>
    public static string? Conflict(HttpContext context) => Conflict(context, context.Request.Headers[HeaderNames.Authorization].ToString());

    private static string? Conflict(HttpContext context, string authorization)
    {
        var headers = context.Request.Headers;
        var hasKeyHeader = headers.ContainsKey(PresentedCredentials.ApiKeyHeader);
        var hasBearer = BearerOf(authorization, out var bearer);
        if (hasKeyHeader && authorization.Length > 0
            && !(hasBearer && bearer.SequenceEqual(PresentedCredentials.ApiKeyHeaderValue(context.Request))))
            return "Send one credential per request: both X-API-Key and Authorization were present.";

        var header = hasKeyHeader || (hasBearer && bearer.StartsWith(PresentedCredentials.ApiKeyPrefix, StringComparison.Ordinal)) ? "an API key"
            : hasBearer ? "a bearer access token"
            : null;
        if (header is not null && HasSessionCookie(context))
            return $"Send one credential per request: this request carried both the dashboard session cookie and {header}. " +
                "Call the API without the browser's cookie, or with the session alone.";
        return null;
    }

    /// <summary>The token of <c>Authorization: Bearer …</c>, trimmed, as <see cref="PresentedCredentials.Bearer"/> reads it;
    /// false when the header is not a bearer one.</summary>
    private static bool BearerOf(string authorization, out ReadOnlySpan<char> bearer)
    {
        var isBearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        bearer = isBearer ? authorization.AsSpan(7).Trim() : default;
        return isBearer;
    }

    /// <summary>A credential the client chose to send counts, valid or not: its presence alone makes two. Without a
    /// <c>Cookie</c> header there is none, and the cookies are not parsed (most API calls send none).</summary>
    private static bool HasSessionCookie(HttpContext context) =>
        context.Request.Headers.Cookie.Count > 0 && context.Request.Cookies.ContainsKey(HostPrefixCookieManager.RequestName(context, AuthSchemes.SessionCookieName));

}
