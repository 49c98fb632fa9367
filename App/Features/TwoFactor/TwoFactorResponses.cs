namespace Boltly.Features.TwoFactor;

/// <summary>GET /v1/auth/two-factor.</summary>
public sealed record TwoFactorStatusResponse(bool Enabled, bool SetupPending, int RecoveryCodesLeft)
{
    public static TwoFactorStatusResponse From(TwoFactorStatus s) => new(s.Enabled, s.SetupPending, s.RecoveryCodesLeft);
}

/// <summary>POST /v1/auth/two-factor/setup: everything an authenticator app needs. Shown to the user only.
/// <c>shared_key</c> is the Base32 secret (docs/two-factor.md); <c>manual_key</c> the same in groups of four for typing.</summary>
public sealed record TwoFactorSetupResponse(string SharedKey, string ManualKey, string OtpauthUri, string QrCodeSvg)
{
    public static TwoFactorSetupResponse From(TwoFactorSetup s) => new(s.Secret, s.ManualKey, s.OtpauthUri, s.QrCodeSvg);
}

/// <summary>Enable and recovery-codes reset: the new codes, shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
