namespace Boltly.Platform.Pagination;

/// <summary>One page of a list: <c>{"data": [...], "has_more": bool, "next_cursor": string|null}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? NextCursor);
