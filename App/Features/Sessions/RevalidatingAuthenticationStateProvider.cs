using System.Security.Claims;
using Boltly.Platform.Accounts;
using Boltly.Platform.Caching;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

/// <summary>
/// A live Blazor circuit keeps the principal it started with. Its session ending anywhere (sign-out, a revoke, a
/// credentials change elsewhere) signs the circuit out at once: every revocation reaches this instance through
/// <see cref="CacheRevocations.Revoked"/> (docs/sessions.md). Every interval it also re-checks the session and the
/// user's security stamp, for a message that was lost; a statically rendered request is left to its cookie check
/// (<see cref="CircuitPresence"/>).
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState SignedOut = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<IdentityOptions> _identityOptions;
    private readonly IOptions<SecurityStampValidatorOptions> _stampOptions;
    private readonly CacheRevocations _revocations;
    private readonly SessionStore _sessions;
    private readonly CircuitPresence _presence;
    private Guid? _sessionId;

    public RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes,
        IOptions<IdentityOptions> identityOptions, IOptions<SecurityStampValidatorOptions> stampOptions,
        CacheRevocations revocations, SessionStore sessions, CircuitPresence presence) : base(loggerFactory)
    {
        _scopes = scopes;
        _identityOptions = identityOptions;
        _stampOptions = stampOptions;
        _revocations = revocations;
        _sessions = sessions;
        _presence = presence;
        AuthenticationStateChanged += Remember;
        _revocations.Revoked += OnRevoked;
    }

    // The cookie's stamp-check interval, which Auth sets from AccountSecurity:SessionRevalidationSeconds: circuits and
    // cookies re-check alike.
    protected override TimeSpan RevalidationInterval => _stampOptions.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // A static render's state came from this request's cookie check; signing it out mid-render (a password
        // change that outlasts the interval renews the stamp) would leave an empty page.
        if (!_presence.InCircuit) return true;
        var principal = authenticationState.User;
        if (SessionClaims.SessionId(principal) is not { } sessionId || SessionClaims.UserId(principal) is not { } userId
            || await _sessions.GetLiveAsync(sessionId, userId, cancellationToken) is null)
            return false;
        await using var scope = _scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var principalStamp = principal.FindFirstValue(_identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }

    private void Remember(Task<AuthenticationState> state) => _ = RememberAsync(state);

    private async Task RememberAsync(Task<AuthenticationState> state)
    {
        try { _sessionId = SessionClaims.SessionId((await state).User); }
        catch (Exception) { _sessionId = null; }
    }

    private void OnRevoked(string cacheKey)
    {
        if (_sessionId is { } mine && SessionStore.SessionOf(cacheKey) == mine)
        {
            _sessionId = null;
            SetAuthenticationState(Task.FromResult(SignedOut));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _revocations.Revoked -= OnRevoked;
            AuthenticationStateChanged -= Remember;
        }
        base.Dispose(disposing);
    }
}
