using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Registering the first passkey of a user who does not exist yet, who is created with it and has no password (an
/// invitation accepted with a passkey, docs/members.md). The caller names the ceremony with a hash of its own secret (no
/// cookie, so an API client needs none); the challenge is kept on the server for one use, like every passkey ceremony
/// (ADR 0026). Implemented by <see cref="PasskeyEnrollmentService"/> on Identity's passkey handler.
/// </summary>
public interface IPasskeyEnrollment
{
    /// <summary>WebAuthn creation options for the future user <paramref name="newUserId"/> named <paramref name="email"/>;
    /// the ceremony is kept under <paramref name="ceremonyKey"/>, replacing any earlier one under it.</summary>
    Task<string> BeginAsync(string ceremonyKey, Guid newUserId, string email);

    /// <summary>Takes the ceremony under <paramref name="ceremonyKey"/> (once, whatever the answer) and verifies the
    /// browser's attestation against it; <see cref="PasskeyVerificationException"/> when it is missing, used or does not verify.</summary>
    Task<VerifiedNewPasskey> VerifyAsync(string ceremonyKey, string credentialJson);

    /// <summary>Creates <paramref name="user"/> (whose id is the verified passkey's user id) without a password and stores
    /// the passkey, in one transaction: both or neither. A failed result leaves nothing behind.</summary>
    Task<IdentityResult> CreateUserAsync(AppUser user, VerifiedNewPasskey passkey, ClientInfo client, CancellationToken ct = default);
}
