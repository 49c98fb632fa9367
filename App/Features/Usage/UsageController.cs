using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Usage;

/// <summary>Usage by outcome and the request log, per key and per account: session-only, like key management (docs/usage.md).</summary>
[ApiController]
[Tags(ApiTags.Usage)]
[Route("v1/developer-access")]
[SessionOnly]
[Produces("application/json")]
public sealed class UsageController(IUsageReader usage, TimeProvider clock) : ControllerBase
{
    private const string RangeHelp = "`granularity` is `minute` (kept 48 hours), `hour` (30 days, the default) or `day` (1 year); " +
        "`from` and `to` (ISO 8601) default to the last hour, 24 hours or 30 days and are widened to whole buckets; " +
        "every bucket of the range is listed, empty ones as zeros, at most 1500. Counts are complete within a minute of the requests.";

    [OperationId("getApiKeyUsage")]
    [EndpointSummary("Usage of an API key")]
    [EndpointDescription("The key's requests per bucket by outcome: success (2xx/3xx), client_error (other 4xx), server_error, " +
        "rate_limited, insufficient_scope, ip_not_allowed, and revoked or expired for requests refused after the key ended. " + RangeHelp + " Session only.")]
    [HttpGet("api-keys/{id}/usage")]
    [ProducesResponseType<KeyUsageSeriesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> KeyUsage(string id, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] string? granularity, CancellationToken ct)
    {
        var range = UsageRange.Parse(from, to, granularity, clock.GetUtcNow());
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        var buckets = await usage.ForKeyAsync(Caller.From(User)!.AccountId, keyId, range.From, range.To, range.Granularity, ct);
        if (buckets is null) return ApiResults.NotFound("No such API key.");
        return Ok(new KeyUsageSeriesResponse(range.GranularityName, Start(buckets, range), End(buckets, range),
            buckets.Select(UsageBucketResponse.From).ToList()));
    }

    [OperationId("getAccountUsage")]
    [EndpointSummary("Usage of the account")]
    [EndpointDescription("The account's requests made with keys per bucket by outcome, and in `keys` each key's totals over the " +
        "range, busiest first (revoked keys included). " + RangeHelp + " Session only.")]
    [HttpGet("usage")]
    [ProducesResponseType<AccountUsageResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<AccountUsageResponse> AccountUsage([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] string? granularity, CancellationToken ct)
    {
        var range = UsageRange.Parse(from, to, granularity, clock.GetUtcNow());
        var result = await usage.ForAccountAsync(Caller.From(User)!.AccountId, range.From, range.To, range.Granularity, ct);
        return new AccountUsageResponse(range.GranularityName, Start(result.Buckets, range), End(result.Buckets, range),
            result.Buckets.Select(UsageBucketResponse.From).ToList(), result.Keys.Select(KeyUsageResponse.From).ToList());
    }

    [OperationId("listApiKeyRequests")]
    [EndpointSummary("Request log of an API key")]
    [EndpointDescription("The key's requests of the last 7 days (at most the newest 10,000), newest first: time, method, path " +
        "without query string, status, duration, client address, user agent and the `X-Request-Id` it was answered with. " +
        "`status` is a code (`404`) or a class (`2xx`, `3xx`, `4xx`, `5xx`). Entries appear within seconds. Session only.")]
    [HttpGet("api-keys/{id}/requests")]
    [ProducesResponseType<Page<RequestLogEntryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Requests(string id, [FromQuery] string? status, [FromQuery] int? limit, [FromQuery] string? cursor,
        CancellationToken ct)
    {
        StatusFilter.Parse(status);
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        var page = await usage.RequestsAsync(Caller.From(User)!.AccountId, keyId, status, new PageRequest(limit, cursor), ct);
        if (page is null) return ApiResults.NotFound("No such API key.");
        return Ok(page.Map(RequestLogEntryResponse.From));
    }

    private static DateTimeOffset Start(IReadOnlyList<UsageBucket> buckets, UsageRange range) =>
        buckets.Count > 0 ? buckets[0].Start : UsageBuckets.Floor(range.From, range.Granularity);

    private static DateTimeOffset End(IReadOnlyList<UsageBucket> buckets, UsageRange range) =>
        buckets.Count > 0 ? buckets[^1].Start + UsageBuckets.Length(range.Granularity) : UsageBuckets.Ceiling(range.To, range.Granularity);
}
