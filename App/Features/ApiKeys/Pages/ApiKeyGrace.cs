namespace Boltly.Features.ApiKeys.Pages;

/// <summary>The roll dialog's grace presets (API.md: now, 1 hour, 24 hours, 7 days); 24 hours is the API's default too.</summary>
public sealed record ApiKeyGrace(string Id, string Label, int Seconds)
{
    public const string DefaultId = "24h";

    public static readonly IReadOnlyList<ApiKeyGrace> All =
    [
        new("now", "Now (the old key stops at once)", 0),
        new("1h", "1 hour", 3600),
        new(DefaultId, "24 hours", 86400),
        new("7d", "7 days", 604800),
    ];
}
