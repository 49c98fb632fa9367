using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passkeys;

/// <summary>A passkey whose attestation verified, for the user the ceremony was begun for (who does not exist yet).</summary>
public sealed record VerifiedNewPasskey(Guid UserId, UserPasskeyInfo Passkey);
