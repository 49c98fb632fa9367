using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.ApiKeys;

public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";
    [Range(1, 1000)] public int MaxActivePerAccount { get; set; } = 5;
    /// <summary>A revocation's eviction is published again after this delay: a lookup that read the row just
    /// before the revocation committed may have written its stale copy back to Redis after the first one.</summary>
    [Range(1, 60)] public int RevocationReEvictSeconds { get; set; } = 2;
    /// <summary>How long "no such key" is remembered, so a flood of one made-up key costs one query.</summary>
    [Range(1, 3600)] public int NegativeCacheSeconds { get; set; } = 10;
    /// <summary>How often last_used_at is written, in one batched UPDATE.</summary>
    [Range(1, 3600)] public int UsageFlushSeconds { get; set; } = 60;
    [Range(1, 200)] public int MaxNameLength { get; set; } = 64;
    /// <summary>A roll's grace when the request names none: 24 hours.</summary>
    [Range(0, 604800)] public int DefaultRollGraceSeconds { get; set; } = 86400;
    /// <summary>The longest grace a roll may give the old key: 7 days.</summary>
    [Range(0, 31536000)] public int MaxRollGraceSeconds { get; set; } = 604800;
    /// <summary>How often the first tries of retired keys are turned into alerts (<see cref="RetiredKeyAlarm"/>).</summary>
    [Range(1, 3600)] public int RetiredKeyAlarmFlushSeconds { get; set; } = 1;
    /// <summary>Retired keys noted and not yet alerted, at most, per instance: past it a flood of distinct keys is dropped.</summary>
    [Range(1, 1000000)] public int RetiredKeyAlarmMaxPending { get; set; } = 10000;
    /// <summary>How far back the allowlist editor and a rolling key's page look in the request log.</summary>
    [Range(1, 30)] public int SeenAddressesDays { get; set; } = 7;
}
