using Boltly.Platform.Errors;

namespace Boltly.Features.Usage;

/// <summary>The one rule that turns an answered request into its outcome (docs/usage.md).</summary>
public static class UsageOutcomes
{
    /// <summary>How many outcomes there are: the width of every counter row.</summary>
    public const int Count = 8;

    /// <summary>The outcomes' names in the API and in Redis, indexed by <see cref="UsageOutcome"/>.</summary>
    public static readonly string[] Names =
        ["success", "client_error", "server_error", "rate_limited", "insufficient_scope", "ip_not_allowed", "revoked", "expired"];

    /// <summary>The outcome of a request a valid key made, from its status and the error code written, if any.</summary>
    public static UsageOutcome Of(int status, string? errorCode) => status switch
    {
        StatusCodes.Status429TooManyRequests => UsageOutcome.RateLimited,
        StatusCodes.Status403Forbidden when errorCode == ErrorCodes.InsufficientScope => UsageOutcome.InsufficientScope,
        StatusCodes.Status403Forbidden when errorCode == ErrorCodes.IpNotAllowed => UsageOutcome.IpNotAllowed,
        < 400 => UsageOutcome.Success,
        < 500 => UsageOutcome.ClientError,
        _ => UsageOutcome.ServerError,
    };

    /// <summary>Counts in outcome order as the record the readers return.</summary>
    public static UsageCounts ToCounts(ReadOnlySpan<long> c) => new(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
}
