using System.Security.Claims;

namespace Boltly.Platform.Auth;

/// <summary>Who is calling, whatever the credential: the one shape the domain sees.</summary>
public sealed record Caller(Guid AccountId, Guid? UserId, CredentialKind Kind, IReadOnlySet<string> Scopes, Guid? ApiKeyId)
{
    /// <summary>The session a cookie or access token belongs to (its <c>sid</c>); null for an API key.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>Signed in as a user (cookie or JWT), never an API key: the rule of <see cref="SessionOnly"/>.</summary>
    public bool IsSession => SessionOnly.IsMetBy(this);

    /// <summary>Sessions act with every scope of their user; a key only with its own.</summary>
    public bool HasScope(string scope) => IsSession || Scopes.Contains(scope);

    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal is CallerPrincipal known) return known.Caller;
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!Guid.TryParse(principal.FindFirstValue(BoltlyClaims.AccountId), out var accountId)) return null;
        var userIdText = principal.FindFirstValue(BoltlyClaims.Subject) ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        Guid? userId = Guid.TryParse(userIdText, out var u) ? u : null;
        var kind = principal.FindFirstValue(BoltlyClaims.CredentialKind) switch
        {
            "api_key" => CredentialKind.ApiKey,
            "jwt" => CredentialKind.Jwt,
            _ => CredentialKind.Cookie,
        };
        Guid? keyId = Guid.TryParse(principal.FindFirstValue(BoltlyClaims.ApiKeyId), out var k) ? k : null;
        var scopes = principal.FindAll(BoltlyClaims.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        Guid? sessionId = Guid.TryParse(principal.FindFirstValue(BoltlyClaims.SessionId), out var s) ? s : null;
        return new Caller(accountId, userId, kind, scopes, keyId) { SessionId = sessionId };
    }
}
