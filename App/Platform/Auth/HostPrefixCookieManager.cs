using Microsoft.AspNetCore.Authentication.Cookies;

namespace Boltly.Platform.Auth;

/// <summary>
/// Over HTTPS the dashboard cookie is named <c>__Host-…</c> (Secure, host-only, path /), which a
/// network attacker or a sibling subdomain cannot plant; over loopback HTTP in development the
/// browser would refuse that prefix, so the plain name is used there.
/// </summary>
public sealed class HostPrefixCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, Name(context, key), value, Adjust(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, Name(context, key), Adjust(context, options));

    /// <summary>The name the cookie <paramref name="key"/> has on this request's scheme.</summary>
    public static string RequestName(HttpContext context, string key) => context.Request.IsHttps ? "__Host-" + key : key;

    private static string Name(HttpContext context, string key) => RequestName(context, key);

    private static CookieOptions Adjust(HttpContext context, CookieOptions options)
    {
        if (!context.Request.IsHttps) return options;
        options.Secure = true;
        options.Domain = null;
        options.Path = "/";
        return options;
    }
}
