namespace Boltly.Features.TwoFactor;

/// <summary>What a person needs to add the account to an authenticator app.</summary>
/// <param name="ManualKey">The Base32 secret in groups of four, for typing in.</param>
/// <param name="OtpauthUri">The <c>otpauth://</c> URI the QR code holds.</param>
/// <param name="QrCodeSvg">The QR code as an inline SVG document, drawn on our server.</param>
public sealed record TwoFactorSetup(string Secret, string ManualKey, string OtpauthUri, string QrCodeSvg)
{
    // ToString (records print their members) must never show the seed, which every member holds.
    private bool PrintMembers(System.Text.StringBuilder builder) => false;
}
