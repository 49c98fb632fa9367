namespace Boltly.Platform.Pagination;

/// <summary>A bad <c>limit</c> or a forged, foreign or stale <c>cursor</c>: answered 400 VALIDATION_FAILED.</summary>
public sealed class InvalidPageRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
