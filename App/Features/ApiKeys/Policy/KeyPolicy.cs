using Boltly.Platform.Errors;

namespace Boltly.Features.ApiKeys.Policy;

/// <summary>
/// An account's key policy (docs/api-keys.md#the-account-key-policy): the longest a key may live, and how many days
/// unused before a key is revoked; null is "no limit". The rules that follow from it live here, once: a create or a
/// roll asks <see cref="ExpiryProblem"/> (through <see cref="KeyPolicies.EnsureExpiryAllowedAsync"/>), the idle
/// revocation asks <see cref="IdleDeadline"/>.
/// </summary>
public sealed record KeyPolicy(int? MaxLifetimeDays, int? IdleRevokeDays)
{
    public const int MinLifetimeDays = 1;
    public const int MaxDays = 3650;
    public const int MinIdleRevokeDays = 7;
    public const string ExpiryField = "expires_at";

    /// <summary>No limit of either kind: an account that never set a policy.</summary>
    public static readonly KeyPolicy None = new(null, null);

    /// <summary>The latest expiry a key made at <paramref name="now"/> may have; null when there is no maximum.</summary>
    public DateTimeOffset? LatestExpiry(DateTimeOffset now) => MaxLifetimeDays is { } days ? now.AddDays(days) : null;

    /// <summary>Why a key made at <paramref name="now"/> may not have <paramref name="expiresAt"/> (null: no expiry);
    /// null when the policy allows it.</summary>
    public string? ExpiryProblem(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (LatestExpiry(now) is not { } latest) return null;
        if (expiresAt is null)
            return $"This account's key policy allows keys for at most {MaxLifetimeDays} days: choose an expiry within that time.";
        return expiresAt > latest
            ? $"This account's key policy allows keys for at most {MaxLifetimeDays} days: choose an expiry on or before {latest:yyyy-MM-dd HH:mm} UTC."
            : null;
    }

    /// <summary>The rule itself: 400 VALIDATION_FAILED naming <c>expires_at</c> when the policy refuses the expiry.</summary>
    public void EnsureExpiryAllowed(DateTimeOffset? expiresAt, DateTimeOffset now, string field = ExpiryField)
    {
        if (ExpiryProblem(expiresAt, now) is { } problem) throw new DomainValidationException(field, problem);
    }

    /// <summary>When a key last active at <paramref name="lastActivity"/> (its last use, or its creation) is revoked as
    /// idle; null without idle revocation.</summary>
    public DateTimeOffset? IdleDeadline(DateTimeOffset lastActivity) =>
        IdleRevokeDays is { } days ? lastActivity.AddDays(days) : null;

    /// <summary>The field → messages of a policy that is out of range (both bounds are the contract's).</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (MaxLifetimeDays is { } life && (life < MinLifetimeDays || life > MaxDays))
            errors["max_lifetime_days"] = [$"The maximum lifetime is {MinLifetimeDays} to {MaxDays} days, or null for none."];
        if (IdleRevokeDays is { } idle && (idle < MinIdleRevokeDays || idle > MaxDays))
            errors["idle_revoke_days"] = [$"Idle revocation is {MinIdleRevokeDays} to {MaxDays} days, or null for none."];
        return errors;
    }

    /// <summary>For the audit log and the dashboard: "max lifetime 90 days, idle revocation off".</summary>
    public string Describe() =>
        $"max lifetime {(MaxLifetimeDays is { } l ? $"{l} days" : "none")}, idle revocation {(IdleRevokeDays is { } i ? $"after {i} days" : "off")}";
}
