using Microsoft.AspNetCore.WebUtilities;

namespace Boltly.Features.Passkeys;

/// <summary>A credential id as pages and forms carry it: base64url, as WebAuthn writes ids.</summary>
public static class PasskeyIds
{
    /// <summary>WebAuthn allows credential ids of up to 1023 bytes.</summary>
    private const int MaxCredentialIdBytes = 1023;

    public static string Encode(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    /// <summary>The credential id, or null when <paramref name="id"/> is not one.</summary>
    public static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxCredentialIdBytes * 2) return null;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(id);
            return bytes.Length is > 0 and <= MaxCredentialIdBytes ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
