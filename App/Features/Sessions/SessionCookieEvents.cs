using System.Security.Claims;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Sessions;

/// <summary>
/// The dashboard cookie's side of sessions (ADR 0013). Every cookie sign-in passes <see cref="OnSigningInAsync"/>
/// (password, two-factor, recovery code, passkey: whatever calls <c>SignInManager</c>), which starts a session and puts
/// its id in the cookie as the <c>sid</c> claim; a re-issued cookie of a live session (a refreshed sign-in) keeps it.
/// Every request with the cookie passes <see cref="OnValidatePrincipal"/>: a cookie without a live session is
/// refused and cleared before Identity's own security-stamp check runs.
/// </summary>
public static class SessionCookieEvents
{
    public static async Task OnSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity) return;
        var services = context.HttpContext.RequestServices;
        var userId = SessionClaims.UserId(context.Principal);
        if (userId is null || !Guid.TryParse(context.Principal.FindFirstValue(BoltlyClaims.AccountId), out var accountId)) return;

        Guid? sessionId = null;
        if (context.Properties.Items.TryGetValue(SessionClaims.TicketItem, out var kept) && Guid.TryParse(kept, out var keptId)
            && await services.GetRequiredService<SessionStore>().GetLiveAsync(keptId, userId.Value, context.HttpContext.RequestAborted) is not null)
            sessionId = keptId;
        // A new sign-in: the browser is recognised by its device cookie, renewed here (DeviceCookie).
        sessionId ??= await services.GetRequiredService<SessionService>().StartAsync(new NewSession(userId.Value, accountId,
            context.Principal.FindFirstValue(ClaimTypes.Email) ?? context.Principal.FindFirstValue(ClaimTypes.Name),
            SessionKind.Browser, context.HttpContext.GetClientInfo(),
            DeviceId: services.GetRequiredService<DeviceCookie>().Renew(context.HttpContext)), context.HttpContext.RequestAborted);

        foreach (var old in identity.FindAll(BoltlyClaims.SessionId).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(BoltlyClaims.SessionId, sessionId.Value.ToString()));
        context.Properties.Items[SessionClaims.TicketItem] = sessionId.Value.ToString();
    }

    /// <summary>Wraps the validator already configured (Identity's security-stamp check), which runs after ours.</summary>
    public static Func<CookieValidatePrincipalContext, Task> OnValidatePrincipal(Func<CookieValidatePrincipalContext, Task> next) =>
        async context =>
        {
            if (context.Principal is not { } principal) return;
            var sessionId = SessionClaims.SessionId(principal);
            var userId = SessionClaims.UserId(principal);
            var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
            if (sessionId is null || userId is null
                || await store.GetLiveAsync(sessionId.Value, userId.Value, context.HttpContext.RequestAborted) is null)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            store.Touch(sessionId.Value);
            await next(context);
        };

    /// <summary>Identity's periodic stamp check builds a fresh principal: it keeps the session id.</summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(BoltlyClaims.SessionId) is { } sid && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(BoltlyClaims.SessionId) is null)
            identity.AddClaim(new Claim(BoltlyClaims.SessionId, sid.Value));
        return Task.CompletedTask;
    }
}
