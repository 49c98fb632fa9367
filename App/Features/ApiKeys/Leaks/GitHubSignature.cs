using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys.Leaks;

/// <summary>
/// GitHub's secret-scanning partner signature: ECDSA P-256 with SHA-256, DER-encoded and base64 in
/// <c>GITHUB-PUBLIC-KEY-SIGNATURE</c>, over the raw body, by the key named in <c>GITHUB-PUBLIC-KEY-IDENTIFIER</c>, checked
/// against the public keys in configuration only (<see cref="LeakedKeyOptions.GitHubPublicKeys"/>).
/// </summary>
public sealed class GitHubSignature
{
    public const string IdentifierHeader = "GITHUB-PUBLIC-KEY-IDENTIFIER";
    public const string SignatureHeader = "GITHUB-PUBLIC-KEY-SIGNATURE";
    private const int MaxSignatureBase64Length = 512;

    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    public GitHubSignature(IOptions<LeakedKeyOptions> options)
    {
        // Parsed once at start: a key that is not a P-256 public key in PEM fails the start, not a report.
        foreach (var (identifier, pem) in options.Value.GitHubPublicKeys)
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(pem);
            if (key.KeySize != 256) throw new InvalidOperationException($"GitHub public key {identifier} is not a P-256 key.");
            _keys[identifier] = key.ExportSubjectPublicKeyInfo();
        }
    }

    /// <summary>Whether the headers can be a signature at all (present, a configured key): checked before the body is read,
    /// so a flood of unsigned requests costs no body and no ECDSA verification.</summary>
    public bool CanVerify(string? identifier, string? signatureBase64) =>
        !string.IsNullOrEmpty(identifier) && !string.IsNullOrEmpty(signatureBase64) && signatureBase64.Length <= MaxSignatureBase64Length
        && _keys.ContainsKey(identifier);

    /// <summary>True when <paramref name="signatureBase64"/> is a valid signature of <paramref name="body"/> by the configured
    /// key <paramref name="identifier"/>. Anything missing, unknown or malformed is false.</summary>
    public bool IsValid(string? identifier, string? signatureBase64, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(identifier) || string.IsNullOrEmpty(signatureBase64) || signatureBase64.Length > MaxSignatureBase64Length
            || !_keys.TryGetValue(identifier, out var publicKey)) return false;
        Span<byte> signature = stackalloc byte[MaxSignatureBase64Length];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length)) return false;
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(publicKey, out _);
        return key.VerifyData(body, signature[..length], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }
}
