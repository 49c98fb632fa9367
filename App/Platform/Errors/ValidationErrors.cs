namespace Boltly.Platform.Errors;

/// <summary>Collects per-field messages, then throws one <see cref="DomainValidationException"/> with all of them.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    /// <summary>An enum-like value (a query filter, a status) must be one of <paramref name="allowed"/>, exactly as documented; null is no value.</summary>
    public void OneOf(string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
            Add(field, $"{field} is one of: {string.Join(", ", allowed)}.");
    }

    public bool Any => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
