using System.Security.Claims;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;

namespace Boltly.Features.Sessions;

/// <summary>
/// The sudo window of the caller's session (docs/sessions.md, "Re-authentication"): open for
/// <see cref="SessionOptions.ReauthenticationMinutes"/> after the sign-in or the last re-authentication. The one rule
/// the API's <see cref="RequiresReauthenticationAttribute"/> and the dashboard's dialogs both ask.
/// </summary>
public sealed class ReauthenticationWindow(SessionStore store, SessionService sessions) : IReauthenticationWindow
{
    /// <summary>Until when the caller's window is open; null when closed or when the caller has no live session.</summary>
    public ValueTask<DateTimeOffset?> OpenUntilAsync(ClaimsPrincipal caller, CancellationToken ct = default) =>
        OpenUntilAsync(SessionClaims.SessionId(caller), SessionClaims.UserId(caller), ct);

    private async ValueTask<DateTimeOffset?> OpenUntilAsync(Guid? sessionId, Guid? userId, CancellationToken ct)
    {
        if (sessionId is not { } session || userId is not { } user) return null;
        var record = await store.GetLiveAsync(session, user, ct);
        return record is null ? null : store.ReauthenticatedUntil(record);
    }

    /// <summary>Whether the session is live (re-authentication needs one).</summary>
    public async ValueTask<bool> IsLiveAsync(Guid sessionId, Guid userId, CancellationToken ct = default) =>
        await store.GetLiveAsync(sessionId, userId, ct) is not null;

    /// <summary>Whether the caller may do a sensitive action now. An API key is not a session: its scopes decide.</summary>
    public async ValueTask<bool> IsOpenAsync(ClaimsPrincipal caller, CancellationToken ct = default) =>
        Caller.From(caller) is { Kind: CredentialKind.ApiKey } || await OpenUntilAsync(caller, ct) is not null;

    /// <summary>The sudo rule as the domain services apply it, whoever calls them (a controller behind
    /// <see cref="RequiresReauthenticationAttribute"/>, a dashboard page after its dialog): throws
    /// <see cref="ReauthenticationRequiredException"/> (403 REAUTHENTICATION_REQUIRED) unless the caller is an API key or
    /// its session authenticated within the window. A session caller without a session id is refused.</summary>
    public async ValueTask RequireOpenAsync(Caller caller, CancellationToken ct = default)
    {
        if (caller.Kind != CredentialKind.ApiKey && await OpenUntilAsync(caller.SessionId, caller.UserId, ct) is null)
            throw new ReauthenticationRequiredException();
    }

    /// <inheritdoc />
    public async Task OpenAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (SessionClaims.SessionId(caller) is { } sessionId && SessionClaims.UserId(caller) is { } userId)
            await sessions.ReauthenticatedAsync(userId, sessionId, cancellationToken);
    }
}
