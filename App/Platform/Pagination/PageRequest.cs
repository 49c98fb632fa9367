namespace Boltly.Platform.Pagination;

/// <summary>A list request as it arrived: the caller's <c>limit</c> and opaque <c>cursor</c>.</summary>
public sealed record PageRequest(int? Limit, string? Cursor);
