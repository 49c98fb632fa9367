namespace Boltly.Features.Sessions;

/// <summary>The answer to a re-authentication attempt.</summary>
public enum ReauthenticationOutcome
{
    Succeeded,
    /// <summary>Wrong password or code, or a locked account: answered alike.</summary>
    Failed,
    Throttled,
    /// <summary>The caller has no live session to re-authenticate.</summary>
    NoSession,
}
