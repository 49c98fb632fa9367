using System.Security.Claims;
using Boltly.Platform.Auth;

namespace Boltly.Features.Sessions;

/// <summary>Reads the session id (<c>sid</c>) and user of a cookie or access-token principal.</summary>
public static class SessionClaims
{
    /// <summary>Where the cookie's ticket keeps its session id, so a re-issued cookie (a refreshed sign-in) stays in its session.</summary>
    public const string TicketItem = "boltly.sid";

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(BoltlyClaims.SessionId), out var id) ? id : null;

    public static Guid? UserId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(BoltlyClaims.Subject) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
