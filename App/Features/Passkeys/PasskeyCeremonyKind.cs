namespace Boltly.Features.Passkeys;

/// <summary>The WebAuthn ceremonies the portal runs; a challenge issued for one is never accepted by another.</summary>
public enum PasskeyCeremonyKind
{
    Registration,
    SignIn,
    Reauthentication,
    /// <summary>The first passkey of a user created with it (an invitation accepted with a passkey): no cookie, keyed by
    /// the invitation (<see cref="PasskeyCeremonyStore.BeginKeyedAsync"/>).</summary>
    NewUserRegistration,
}
