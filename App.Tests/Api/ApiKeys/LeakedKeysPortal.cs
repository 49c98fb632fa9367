using System.Security.Cryptography;
using System.Text;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>A host that trusts a GitHub secret-scanning key pair made for this run (never GitHub's network): the tests sign
/// partner reports with its private half, as GitHub would.</summary>
public sealed class LeakedKeysPortal : IAsyncLifetime
{
    public const string KeyIdentifier = "test-github-key-1";
    public const string GitHubPath = "/v1/developer-access/leaked-keys";
    public const string ReportPath = "/v1/developer-access/leaked-keys/report";

    public ECDsa Signer { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public PortalHost Host { get; private set; } = null!;

    public Dictionary<string, string?> Settings => new()
    {
        [$"ApiKeys:Leaks:GitHubPublicKeys:{KeyIdentifier}"] = Signer.ExportSubjectPublicKeyInfoPem(),
        // Every test reports from 127.0.0.1; the per-address limit has its own test.
        ["RateLimits:LeakReportPerWindow"] = "100000",
    };

    public async ValueTask InitializeAsync() => Host = await PortalHost.StartAsync(new PortalHost(Settings));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Signer.Dispose();
    }

    /// <summary>A partner report as GitHub sends it: the raw body signed (ECDSA P-256, SHA-256, DER, base64).</summary>
    public HttpRequestMessage SignedReport(string body, string? identifier = KeyIdentifier, ECDsa? signer = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = (signer ?? Signer).SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, GitHubPath) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        if (identifier is not null) request.Headers.Add("GITHUB-PUBLIC-KEY-IDENTIFIER", identifier);
        request.Headers.Add("GITHUB-PUBLIC-KEY-SIGNATURE", Convert.ToBase64String(signature));
        return request;
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
