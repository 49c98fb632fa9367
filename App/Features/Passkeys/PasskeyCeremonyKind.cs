namespace Boltly.Features.Passkeys;

/// <summary>The three WebAuthn ceremonies the portal runs; a challenge issued for one is never accepted by another.</summary>
public enum PasskeyCeremonyKind
{
    Registration,
    SignIn,
    Reauthentication,
}
