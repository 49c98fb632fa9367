namespace Boltly.Features.TwoFactor;

/// <summary>Where a user stands with 2FA: off, set up but not yet confirmed, or on.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool SetupPending, int RecoveryCodesLeft);
