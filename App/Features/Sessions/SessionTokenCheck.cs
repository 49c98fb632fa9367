using System.Security.Claims;
using Boltly.Platform.Auth;

namespace Boltly.Features.Sessions;

/// <summary>
/// An access token whose session (<c>sid</c>) ended is refused (docs/sessions.md): a memory hit in
/// <see cref="SessionStore"/>, evicted everywhere when the session ends. It runs on every request, cached
/// token or not (ADR 0022), and marks the session seen (batched to the minute).
/// </summary>
public sealed class SessionTokenCheck(SessionStore sessions) : IAccessTokenCheck
{
    public async ValueTask<string?> RefusalAsync(ClaimsPrincipal token, Guid userId, HttpContext context)
    {
        if (!Guid.TryParse(token.FindFirstValue(BoltlyClaims.SessionId), out var sessionId)
            || await sessions.GetLiveAsync(sessionId, userId, context.RequestAborted) is null)
            return "the session has ended";
        sessions.Touch(sessionId);
        return null;
    }
}
