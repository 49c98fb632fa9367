using Boltly.Features.ApiKeys.Policy;

namespace Boltly.Features.ApiKeys.Pages;

/// <summary>The expiry choices of the create dialog: presets counted from the moment of creation, a date, or none.</summary>
public sealed record ApiKeyExpiry(string Id, string Label, Func<DateTimeOffset, DateTimeOffset>? From)
{
    public const string CustomId = "custom";
    public const string NoneId = "none";
    public const string DefaultId = "30d";

    public static readonly IReadOnlyList<ApiKeyExpiry> All =
    [
        new("7d", "7 days", now => now.AddDays(7)),
        new("30d", "30 days", now => now.AddDays(30)),
        new("60d", "60 days", now => now.AddDays(60)),
        new("90d", "90 days", now => now.AddDays(90)),
        new("1y", "1 year", now => now.AddYears(1)),
        new(CustomId, "Custom date", null),
        new(NoneId, "No expiry", null),
    ];

    /// <summary>Whether the dialog offers this choice under <paramref name="policy"/>: a preset within its maximum lifetime, a
    /// date (the picker stops at the maximum), and "No expiry" only without a maximum.</summary>
    public bool IsAllowedUnder(KeyPolicy policy, DateTimeOffset now) =>
        Id == CustomId || policy.ExpiryProblem(From?.Invoke(now), now) is null;

    /// <summary>A custom date expires at the end of that day, UTC: the key works through the whole chosen day.</summary>
    public static DateTimeOffset EndOfDayUtc(DateTime date) => new(DateTime.SpecifyKind(date.Date.AddDays(1), DateTimeKind.Utc));
}
