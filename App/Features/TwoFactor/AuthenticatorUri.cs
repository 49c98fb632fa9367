using QRCoder;

namespace Boltly.Features.TwoFactor;

/// <summary>The key URI format authenticator apps read (Google's "Key Uri Format"), and its QR code.</summary>
public static class AuthenticatorUri
{
    public const string Issuer = "Boltly";

    public static string For(string email, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}" +
        $"?secret={base32Secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={TotpAlgorithm.Digits}&period={TotpAlgorithm.StepSeconds}";

    /// <summary>The secret in groups of four, easier to type than 32 characters in a row.</summary>
    public static string GroupedKey(string base32Secret) =>
        string.Join(' ', base32Secret.TrimEnd('=').Chunk(4).Select(c => new string(c)));

    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(5);
    }
}
