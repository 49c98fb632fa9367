namespace Boltly.Platform.Pagination;

/// <summary>Names a filtered list for <see cref="Paginator"/>, so a cursor of one filter is refused on another.</summary>
public static class PageLists
{
    // Escaped: the cursor payload is '|'-separated, and filter values come from the caller.
    public static string Name(string list, params string?[] filters) =>
        string.Join(':', filters.Select(f => f is null ? "" : Uri.EscapeDataString(f)).Prepend(list));
}
