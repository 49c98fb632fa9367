using System.Security.Cryptography;
using System.Text;

namespace Boltly.Platform.Security;

/// <summary>SHA-256 for high-entropy secrets (refresh tokens, API keys, recovery codes): they are
/// random enough that a fast hash is safe, and the lookup stays one indexed equality.</summary>
public static class SecretHasher
{
    public static string Sha256Hex(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string RandomUrlToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
