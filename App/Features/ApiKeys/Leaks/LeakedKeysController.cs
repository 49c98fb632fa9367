using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys.Leaks;

/// <summary>
/// Leaked keys reported from outside (docs/api-keys.md#leaked-keys): GitHub's secret-scanning partner endpoint (signed by
/// GitHub) and the open report (no credential, limited per client address, always 202). Neither takes a credential, so
/// neither is subject to API-key authentication or a session's cross-site check; both read at most a small body.
/// </summary>
[ApiController]
[Tags(ApiTags.DeveloperAccess)]
[Route("v1/developer-access/leaked-keys")]
[AllowAnonymous]
[Produces("application/json")]
public sealed class LeakedKeysController(LeakedKeyService leaks, GitHubSignature signature, RateLimitPolicies limits,
    IOptions<LeakedKeyOptions> options, IOptions<JsonOptions> json) : ControllerBase
{
    private const string PartnerSource = "GitHub secret scanning";
    private const string OpenSource = "an open report";
    private const string BadSignatureMessage = "The report's GitHub signature is missing or does not verify.";

    [OperationId("reportLeakedKeysGitHub")]
    [EndpointSummary("GitHub secret-scanning partner report")]
    [EndpointDescription("GitHub's partner format: a JSON array of `{\"token\", \"type\", \"url\", \"source\"}`, signed with ECDSA P-256 " +
        "and SHA-256 over the raw body (`GITHUB-PUBLIC-KEY-IDENTIFIER`, `GITHUB-PUBLIC-KEY-SIGNATURE`: base64 DER) by one of the " +
        "public keys in configuration; a missing or bad signature is 401. Every token that is one of our keys is revoked at once " +
        "(refused everywhere within a second), the owners are emailed and `api_key.leaked` is sent. The answer labels each token: " +
        "`{\"token_hash\" (SHA-256 hex of the token), \"token_type\", \"label\": \"true_positive\"|\"false_positive\"}`. No credential.")]
    [HttpPost]
    [Consumes("application/json")]
    [DocumentedUnauthorized("UNAUTHORIZED: the GitHub signature headers are missing, name an unknown key, or do not verify over the body.",
        BadSignatureMessage)]
    [ProducesResponseType<IReadOnlyList<GitHubTokenLabel>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ApiError>(StatusCodes.Status413PayloadTooLarge)]
    public async Task<IActionResult> GitHub(CancellationToken ct)
    {
        string? identifier = Request.Headers[GitHubSignature.IdentifierHeader], signed = Request.Headers[GitHubSignature.SignatureHeader];
        if (!signature.CanVerify(identifier, signed)) return ApiResults.Unauthorized(BadSignatureMessage);
        var limit = options.Value.MaxPartnerBodyBytes;
        if (Request.ContentLength > limit) return TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }
        var body = buffer.ToArray();
        if (!signature.IsValid(identifier, signed, body))
            return ApiResults.Unauthorized(BadSignatureMessage);

        IReadOnlyList<GitHubTokenReport>? reports;
        try
        {
            reports = JsonSerializer.Deserialize<List<GitHubTokenReport>>(body, json.Value.JsonSerializerOptions);
        }
        catch (JsonException)
        {
            return ApiResults.Validation("body", "The body must be a JSON array of {\"token\", \"type\", \"url\", \"source\"}.");
        }
        if (reports is null || reports.Any(r => r is null || string.IsNullOrEmpty(r.Token)))
            return ApiResults.Validation("token", "Every entry needs a token.");
        if (reports.Count > options.Value.MaxTokensPerReport)
            return ApiResults.Validation("body", $"At most {options.Value.MaxTokensPerReport} tokens per report.");

        var client = HttpContext.GetClientInfo();
        var labels = new List<GitHubTokenLabel>(reports.Count);
        foreach (var report in reports)
        {
            var ours = await leaks.ReportAsync(report.Token, report.Url, PartnerSource + (report.Source is { } s ? $" ({s})" : ""), client, ct);
            labels.Add(new GitHubTokenLabel(TokenHash(report.Token!), report.Type ?? "", ours ? GitHubTokenLabel.TruePositive : GitHubTokenLabel.FalsePositive));
        }
        return Ok(labels);
    }

    [OperationId("reportLeakedKey")]
    [EndpointSummary("Report a key you found")]
    [EndpointDescription("Anyone who found a Boltly key in public can kill it: `{\"key\", \"url\"?}`. Always 202, whether or not the " +
        "key existed, so the answer tells nothing; a real key is revoked at once (everywhere within a second), its owners are emailed " +
        "and `api_key.leaked` is sent. A body that is not this object is 400. No credential; limited per client address (429).")]
    [HttpPost("report")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Report(LeakReportRequest request, CancellationToken ct)
    {
        var client = HttpContext.GetClientInfo();
        var decision = await limits.HitLeakReportAsync(client.Address);
        if (!decision.Allowed) return ApiResults.TooManyRequests(Response, decision.ResetSeconds);
        await leaks.ReportAsync(request.Key?.Trim(), request.Url, OpenSource, client, ct);
        return Accepted();
    }

    private static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ObjectResult TooLarge(int limit) =>
        ApiResults.Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The request body is over the limit of {limit} bytes.");
}
