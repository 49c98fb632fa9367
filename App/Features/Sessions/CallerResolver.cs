using System.Security.Claims;
using Boltly.Platform.Auth;

namespace Boltly.Features.Sessions;

/// <summary>
/// The one place a dashboard page or an endpoint turns its principal into the <see cref="Caller"/> it hands to a service,
/// for each operation (docs/sessions.md, "A session's end is final"). A cookie or access-token caller is refused with
/// <see cref="SessionEndedException"/> unless its session is live now: a memory hit in <see cref="SessionStore"/>,
/// evicted on every instance when the session ends. An API key has no session; its handler checked it on this request.
/// A page calls this in every action, never keeping a caller from its first render: a circuit outlives the check its
/// opening request passed.
/// </summary>
public sealed class CallerResolver(SessionStore sessions)
{
    public async ValueTask<Caller> ResolveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var caller = Caller.From(principal) ?? throw new SessionEndedException();
        if (caller.Kind == CredentialKind.ApiKey) return caller;
        if (caller.SessionId is not { } sessionId || caller.UserId is not { } userId
            || await sessions.GetLiveAsync(sessionId, userId, ct) is null)
            throw new SessionEndedException();
        return caller;
    }
}
