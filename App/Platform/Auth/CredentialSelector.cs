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
        var bearer = PresentedCredentials.Bearer(context.Request);
        if (Conflict(context, bearer) is not null) return AuthSchemes.Conflict;
        if (context.Request.Headers.ContainsKey(PresentedCredentials.ApiKeyHeader)) return AuthSchemes.ApiKey;
        if (bearer is not null)
            return PresentedCredentials.IsApiKey(bearer) ? AuthSchemes.ApiKey : AuthSchemes.Jwt;
        return IdentityConstants.ApplicationScheme;
    }

    /// <summary>Why the request carries more than one credential, or null when it carries at most one.
    /// The same key sent both as <c>X-API-Key</c> and as <c>Bearer</c> is one credential.</summary>
    public static string? Conflict(HttpContext context) => Conflict(context, PresentedCredentials.Bearer(context.Request));

    private static string? Conflict(HttpContext context, string? bearer)
    {
        var headers = context.Request.Headers;
        var hasKeyHeader = headers.ContainsKey(PresentedCredentials.ApiKeyHeader);
        if (hasKeyHeader && !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(headers[HeaderNames.Authorization]) && bearer != PresentedCredentials.ApiKeyHeaderValue(context.Request))
            return "Send one credential per request: both X-API-Key and Authorization were present.";

        var header = hasKeyHeader || PresentedCredentials.IsApiKey(bearer) ? "an API key"
            : bearer is not null ? "a bearer access token"
            : null;
        if (header is not null && HasSessionCookie(context))
            return $"Send one credential per request: this request carried both the dashboard session cookie and {header}. " +
                "Call the API without the browser's cookie, or with the session alone.";
        return null;
    }

    /// <summary>A credential the client chose to send counts, valid or not: its presence alone makes two.</summary>
    private static bool HasSessionCookie(HttpContext context) =>
        context.Request.Cookies.ContainsKey(HostPrefixCookieManager.RequestName(context, AuthSchemes.SessionCookieName));

}
