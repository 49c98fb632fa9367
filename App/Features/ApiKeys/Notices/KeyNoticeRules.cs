using Boltly.Features.ApiKeys.Policy;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>Which notice a key is due at a moment: the one statement of the schedule (7 days, 1 day, expired; the idle
/// warning and the idle revocation), used by the job and by tests alike.</summary>
public static class KeyNoticeRules
{
    /// <summary>The expiry notice a key expiring at <paramref name="expiresAt"/> is due at <paramref name="now"/>; null for none.</summary>
    public static string? ExpiryNotice(DateTimeOffset expiresAt, DateTimeOffset now, KeyNoticeOptions options)
    {
        if (expiresAt <= now) return now - expiresAt <= TimeSpan.FromDays(options.ExpiredLookbackDays) ? KeyNoticeKinds.Expired : null;
        if (expiresAt - now <= TimeSpan.FromDays(options.ExpiringLastDays)) return KeyNoticeKinds.Expiring1Day;
        return expiresAt - now <= TimeSpan.FromDays(options.ExpiringFirstDays) ? KeyNoticeKinds.Expiring7Days : null;
    }

    /// <summary>The idle notice of an active key last active at <paramref name="lastActivity"/> (its last use, or its
    /// creation), with the deadline it is about; null when none is due.</summary>
    public static (string Kind, DateTimeOffset Deadline)? IdleNotice(DateTimeOffset lastActivity, KeyPolicy policy, DateTimeOffset now,
        KeyNoticeOptions options)
    {
        if (policy.IdleDeadline(lastActivity) is not { } deadline) return null;
        if (deadline <= now) return (KeyNoticeKinds.IdleRevoked, deadline);
        return deadline - now <= TimeSpan.FromDays(options.IdleWarningDays) ? (KeyNoticeKinds.IdleRevokeWarning, deadline) : null;
    }

    /// <summary>The dashboard's "unused" flag: not used (or never used since its creation) for <see cref="KeyNoticeOptions.UnusedAfterDays"/>.</summary>
    public static bool IsUnused(ApiKey key, DateTimeOffset now, KeyNoticeOptions options) =>
        now - (key.LastUsedAt ?? key.CreatedAt) >= TimeSpan.FromDays(options.UnusedAfterDays);
}
