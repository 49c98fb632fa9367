namespace Boltly.Platform.Auth;

/// <summary>
/// The session-only rule, decided here and nowhere else: a caller meets it when signed in as a user, with the
/// dashboard cookie or a JWT; an API key never does, so no key can list, mint or revoke keys or change the
/// account's security (docs/authorization.md). Endpoints declare it with <see cref="SessionOnlyAttribute"/>,
/// whose <see cref="SessionRequirement"/> is judged by this rule; a service whose operations are session-only
/// calls <see cref="RequireUser"/>, so the rule also holds for a page or any other way in.
/// <see cref="Caller.IsSession"/> is this rule too.
/// </summary>
public static class SessionOnly
{
    public static bool IsMetBy(Caller? caller) => caller is { Kind: not CredentialKind.ApiKey, UserId: not null };

    /// <summary>The signed-in user's id, or <see cref="SessionRequiredException"/> (403 SESSION_REQUIRED).</summary>
    public static Guid RequireUser(Caller caller) =>
        IsMetBy(caller) ? caller.UserId!.Value : throw new SessionRequiredException();
}
