using System.Globalization;
using Boltly.Platform.Errors;

namespace Boltly.Features.Usage;

/// <summary>The request log's <c>status</c> filter: an exact code ("404") or a class ("2xx" … "5xx").</summary>
public readonly record struct StatusFilter(int Low, int High)
{
    private const int Lowest = 100;
    private const int Highest = 599;

    /// <summary>Null for no filter; anything else than a code or a class is 400 VALIDATION_FAILED.</summary>
    public static StatusFilter? Parse(string? status)
    {
        if (string.IsNullOrEmpty(status)) return null;
        if (status.Length == 3 && status[0] is >= '1' and <= '5' && status[1..] is "xx" or "XX")
        {
            var low = (status[0] - '0') * 100;
            return new StatusFilter(low, low + 99);
        }
        if (status.Length == 3 && int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= Lowest and <= Highest)
            return new StatusFilter(code, code);
        throw new DomainValidationException("status", "status must be a status code such as 404, or a class: 2xx, 3xx, 4xx or 5xx.");
    }
}
