using Boltly.Platform.Auth;
using Boltly.Platform.Errors;

namespace Boltly.Features.Sessions;

/// <summary>
/// The sudo window of the caller's session (docs/sessions.md, "Re-authentication"): open for
/// <see cref="SessionOptions.ReauthenticationMinutes"/> after the sign-in or the last re-authentication. Asked one way:
/// the domain service of each sensitive action calls <see cref="RequireOpenAsync"/> (so no page or endpoint can skip it);
/// the API's <see cref="RequiresReauthenticationAttribute"/> refuses early through <see cref="ReauthenticationHandler"/>,
/// and pages ask first with the re-authentication prompt; all three read <see cref="IsOpenAsync"/>.
/// </summary>
public sealed class ReauthenticationWindow(SessionStore store, SessionService sessions) : IReauthenticationWindow
{
    /// <summary>Until when the caller's window is open; null when closed, when the caller has no live session, or for an API key.</summary>
    public async ValueTask<DateTimeOffset?> OpenUntilAsync(Caller caller, CancellationToken ct = default)
    {
        if (caller.SessionId is not { } session || caller.UserId is not { } user) return null;
        var record = await store.GetLiveAsync(session, user, ct);
        return record is null ? null : store.ReauthenticatedUntil(record);
    }

    /// <summary>Whether the caller may do a sensitive action now: the one place that decides that an API key is not
    /// asked (it is not a session; its scopes decide), and that a session is asked unless it authenticated within the window.</summary>
    public async ValueTask<bool> IsOpenAsync(Caller caller, CancellationToken ct = default) =>
        caller.Kind == CredentialKind.ApiKey || await OpenUntilAsync(caller, ct) is not null;

    /// <summary>The sudo rule as the domain services apply it, whoever calls them: throws
    /// <see cref="ReauthenticationRequiredException"/> (403 REAUTHENTICATION_REQUIRED) unless <see cref="IsOpenAsync"/>.</summary>
    public async ValueTask RequireOpenAsync(Caller caller, CancellationToken ct = default)
    {
        if (!await IsOpenAsync(caller, ct)) throw new ReauthenticationRequiredException();
    }

    /// <inheritdoc />
    public async Task OpenAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.SessionId is { } sessionId && caller.UserId is { } userId)
            await sessions.ReauthenticatedAsync(userId, sessionId, cancellationToken);
    }
}
