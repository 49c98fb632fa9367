using System.Collections.Concurrent;
using System.Globalization;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// The limit headers' texts that repeat from one response to the next, made once: a limit's number and its
/// <c>RateLimit-Policy</c> value per policy, and the small numbers Remaining and Reset take (a window's
/// seconds, the product's budgets). Every counted response writes five headers, and formatting them per
/// response is a measurable part of the key path (bench/RESULTS.md).
/// </summary>
public static class RateLimitHeaderValues
{
    private const int CachedNumbers = 4096;
    private static readonly string?[] Numbers = new string?[CachedNumbers];
    private static readonly ConcurrentDictionary<(string Policy, int Limit, int Window), string> Policies = new();

    /// <summary><paramref name="value"/> in invariant digits, shared for small values.</summary>
    public static string Number(int value)
    {
        if ((uint)value >= CachedNumbers) return value.ToString(CultureInfo.InvariantCulture);
        return Numbers[value] ??= value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The <c>RateLimit-Policy</c> value: quota q per window w.</summary>
    public static string Policy(RateLimitDecision d) =>
        Policies.GetOrAdd((d.Policy, d.Limit, d.WindowSeconds), static k => $"\"{k.Policy}\";q={k.Limit};w={k.Window}");
}
