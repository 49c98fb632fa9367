using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// A passkey authenticator in software (WebAuthn level 3, ES256), for API tests that need answers a browser would send
/// and want to send one twice: stored through Identity's store as a registration would (or registered through the
/// server, <see cref="Attest"/>), then asked to answer a server's request options. Its signature counter stays 0, as synced passkeys report, so a replay is caught only by the
/// server's single-use challenge (docs/passkeys.md).
/// </summary>
public sealed class SoftwarePasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Creates one and stores it for the user (as a completed registration would).</summary>
    public static async Task<SoftwarePasskey> RegisterAsync(PortalHost host, Guid userId)
    {
        var passkey = new SoftwarePasskey();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        var stored = new UserPasskeyInfo(passkey.CredentialId, passkey.CosePublicKey(), DateTimeOffset.UtcNow, 0, ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: [])
        { Name = "Software passkey" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user!, stored)).Succeeded);
        return passkey;
    }

    /// <summary>The answer to <paramref name="requestOptionsJson"/> (as <c>navigator.credentials.get()</c> gives it,
    /// serialised) made on a page of <paramref name="origin"/>, by <paramref name="userId"/>'s passkey.</summary>
    public string Answer(string requestOptionsJson, string origin, Guid userId)
    {
        using var options = JsonDocument.Parse(requestOptionsJson);
        var challenge = options.RootElement.GetProperty("challenge").GetString()!;
        var rpId = options.RootElement.GetProperty("rpId").GetString()!;
        var clientData = ClientData("webauthn.get", challenge, origin);
        // rpIdHash, flags (user present + user verified), signature counter 0.
        var authenticatorData = SHA256.HashData(Encoding.UTF8.GetBytes(rpId)).Concat(new byte[] { 0x05, 0, 0, 0, 0 }).ToArray();
        var signature = _key.SignData(authenticatorData.Concat(SHA256.HashData(clientData)).ToArray(), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return CredentialJson(new Dictionary<string, object>
        {
            ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
            ["authenticatorData"] = WebEncoders.Base64UrlEncode(authenticatorData),
            ["signature"] = WebEncoders.Base64UrlEncode(signature),
            ["userHandle"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(userId.ToString())),
        });
    }

    /// <summary>The answer to <paramref name="creationOptionsJson"/> (as <c>navigator.credentials.create()</c> gives it,
    /// serialised) made on a page of <paramref name="origin"/>: this key as a new passkey, with attestation <c>none</c>, user
    /// present and verified, not backup eligible, counter 0.</summary>
    public string Attest(string creationOptionsJson, string origin)
    {
        using var options = JsonDocument.Parse(creationOptionsJson);
        var challenge = options.RootElement.GetProperty("challenge").GetString()!;
        var rpId = options.RootElement.GetProperty("rp").GetProperty("id").GetString()!;
        var clientData = ClientData("webauthn.create", challenge, origin);
        // rpIdHash, flags (user present + user verified + attested credential data), counter 0, then the attested
        // credential data: AAGUID (zeros), the credential id's length (big-endian) and id, and the public key.
        byte[] authenticatorData =
        [
            .. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), 0x45, 0, 0, 0, 0, .. new byte[16],
            (byte)(CredentialId.Length >> 8), (byte)CredentialId.Length, .. CredentialId, .. CosePublicKey(),
        ];
        // CBOR {"fmt": "none", "attStmt": {}, "authData": <bytes>}.
        byte[] attestationObject =
        [
            0xA3, 0x63, .. "fmt"u8, 0x64, .. "none"u8, 0x67, .. "attStmt"u8, 0xA0, 0x68, .. "authData"u8,
            .. CborByteStringHeader(authenticatorData.Length), .. authenticatorData,
        ];
        return CredentialJson(new Dictionary<string, object>
        {
            ["clientDataJSON"] = WebEncoders.Base64UrlEncode(clientData),
            ["attestationObject"] = WebEncoders.Base64UrlEncode(attestationObject),
            ["transports"] = new[] { "internal" },
        });
    }

    /// <summary>A public-key credential of this key, as the browser serialises it, with the ceremony's <paramref name="response"/>.</summary>
    private string CredentialJson(Dictionary<string, object> response)
    {
        var id = WebEncoders.Base64UrlEncode(CredentialId);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new Dictionary<string, object>(),
            ["response"] = response,
        });
    }

    private static byte[] CborByteStringHeader(int length) => length switch
    {
        < 24 => [(byte)(0x40 + length)],
        < 256 => [0x58, (byte)length],
        _ => [0x59, (byte)(length >> 8), (byte)length],
    };

    // COSE_Key (RFC 9053) of an EC2 P-256 key for ES256, in CBOR: {1: 2, 3: -7, -1: 1, -2: x, -3: y}.
    private byte[] CosePublicKey()
    {
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        return [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. point.X!, 0x22, 0x58, 0x20, .. point.Y!];
    }

    public void Dispose() => _key.Dispose();

    /// <summary>The client data a browser signs over for a ceremony of <paramref name="type"/> on <paramref name="origin"/>.</summary>
    private static byte[] ClientData(string type, string challenge, string origin) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["type"] = type,
        ["challenge"] = challenge,
        ["origin"] = origin,
        ["crossOrigin"] = false,
    });
}
