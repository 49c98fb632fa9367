using Boltly.Platform.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

/// <summary>
/// How a browser is recognised (docs/sessions.md, ADR 0027): a long-lived cookie holding a random device id, protected
/// with Data Protection (the key ring every instance shares), so it can be neither read nor made up. HttpOnly,
/// SameSite=Lax, Secure and <c>__Host-</c> prefixed over HTTPS. Every browser sign-in renews it; it is never cleared by
/// a sign-out (the browser stays the same device).
/// </summary>
public sealed class DeviceCookie(IDataProtectionProvider protection, IOptions<SessionOptions> options)
{
    public const string Name = "boltly.device";
    private static readonly HostPrefixCookieManager Cookies = new();
    private readonly IDataProtector _protector = protection.CreateProtector("Boltly.Sessions.DeviceCookie.v1");

    /// <summary>The device id this browser presented, when its cookie is one the portal issued.</summary>
    public Guid? Read(HttpContext context)
    {
        var value = Cookies.GetRequestCookie(context, Name);
        if (string.IsNullOrEmpty(value) || value.Length > 512) return null;
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(value), "N", out var id) ? id : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The browser's device id (a new one when it presented none or a forged one), with its cookie renewed.</summary>
    public Guid Renew(HttpContext context)
    {
        var id = Read(context) ?? Guid.CreateVersion7();
        Cookies.AppendResponseCookie(context, Name, _protector.Protect(id.ToString("N")), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(options.Value.DeviceCookieDays),
            IsEssential = true,
        });
        return id;
    }
}
