namespace Boltly.Platform.Pagination;

/// <summary>One page of a list: <c>{"data": [...], "has_more": bool, "next_cursor": string|null}</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? NextCursor)
{
    /// <summary>The same page with each row turned into its response shape; the cursor is unchanged.</summary>
    public Page<TResult> Map<TResult>(Func<T, TResult> map) => new(Data.Select(map).ToList(), HasMore, NextCursor);
}
