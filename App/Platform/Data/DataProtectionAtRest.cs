using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Boltly.Platform.Data;

/// <summary>
/// The Data Protection key ring lives in PostgreSQL (shared by every instance); its keys are encrypted
/// there with a certificate that does not: <c>DataProtection:CertificatePath</c> names a PEM file holding
/// the certificate and its private key, or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with
/// <c>DataProtection:CertificatePassword</c>). Someone with the database alone cannot read the ring, and so
/// cannot forge cookies, mfa_tokens or cursors, nor read webhook signing secrets. Outside Development the
/// app refuses to start without it. See docs/security.md.
/// </summary>
public static class DataProtectionAtRest
{
    public const string CertificatePathKey = "DataProtection:CertificatePath";
    public const string CertificatePasswordKey = "DataProtection:CertificatePassword";

    public static IDataProtectionBuilder ProtectKeysAtRest(this IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (environment.IsDevelopment()) return dataProtection; // run.sh sets one; a bare `dotnet run` stores keys unencrypted
            throw new InvalidOperationException(
                $"{CertificatePathKey} is not set: the Data Protection key ring must be encrypted with a certificate kept outside the database (see docs/security.md).");
        }
        var certificate = Load(path, configuration[CertificatePasswordKey]);
        // Decryption uses the same certificate (a PEM's key is not in any certificate store).
        return dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{CertificatePathKey}: no file at {path}.");
        X509Certificate2 certificate;
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        else
        {
            // A PEM's private key is ephemeral; a round trip through PKCS#12 gives one every platform can decrypt with.
            using var pem = X509Certificate2.CreateFromPemFile(path);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        if (!certificate.HasPrivateKey) throw new InvalidOperationException($"{CertificatePathKey}: {path} holds no private key.");
        return certificate;
    }
}
