using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Boltly.Platform.Http;

/// <summary>
/// On the API's branch: refuses a state-changing <c>/v1</c> request that the dashboard cookie authenticated but another site
/// sent (docs/security-http.md): <c>Sec-Fetch-Site: cross-site</c>, or an <c>Origin</c> that is not the
/// portal's (the request's own scheme and host, or <c>Portal:PublicUrl</c>). The cookie is SameSite=Lax,
/// which already keeps it off cross-site POSTs of other sites, but not of a sibling subdomain (same-site),
/// and not for a browser that ignores SameSite. API keys and JWTs are sent by code, not by the browser on
/// its own, so they are not affected. A request without either header is not from a browser's page (every
/// current browser sends Origin on these methods) and passes.
/// </summary>
public sealed class CrossSiteRequestMiddleware(RequestDelegate next, IOptions<PortalOptions> portal)
{
    private readonly string? _publicOrigin = Origin(portal.Value.PublicUrl);

    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
            && Caller.From(context.User) is { Kind: CredentialKind.Cookie } && IsCrossSite(context.Request))
        {
            return ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.CrossSiteRequestRefused,
                "This request came from another site's page with your dashboard session and was refused. " +
                "Call the API with an API key or an access token instead.");
        }
        return next(context);
    }

    private bool IsCrossSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase)) return true;
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0) return false;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin, _publicOrigin, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>scheme://host[:port] of a configured URL, as a browser writes it in Origin.</summary>
    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
