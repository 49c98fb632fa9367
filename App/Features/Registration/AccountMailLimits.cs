using Boltly.Platform.RateLimiting;

namespace Boltly.Features.Registration;

/// <summary>Every request here that may mail someone counts against its client address and against the address it
/// would mail (<see cref="RateLimitPolicies.HitAccountMailAsync"/>, <see cref="RateLimitPolicies.HitAccountMailRecipientAsync"/>).</summary>
public sealed class AccountMailLimits(RateLimitPolicies limits)
{
    /// <summary>Null when allowed; otherwise the throttled answer.</summary>
    public async Task<AccountMailResult?> HitAsync(string? clientAddress, string? recipient)
    {
        var decision = await limits.HitAccountMailAsync(clientAddress);
        if (decision.Allowed && !string.IsNullOrWhiteSpace(recipient)) decision = await limits.HitAccountMailRecipientAsync(recipient);
        return decision.Allowed ? null : new AccountMailResult(AccountMailOutcome.Throttled, decision.ResetSeconds);
    }
}
