namespace Boltly.Features.Passkeys;

/// <summary>How a passkey sign-in ended.</summary>
public enum PasskeySignInOutcome
{
    Succeeded,
    /// <summary>Unknown passkey, a response that did not verify, or an expired request.</summary>
    Failed,
    LockedOut,
    NotAllowed,
    Throttled,
}
