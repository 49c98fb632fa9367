namespace Boltly.Platform.Errors;

/// <summary>Input the domain refuses, field by field (400 VALIDATION_FAILED with details).</summary>
public sealed class DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public DomainValidationException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}
