namespace Boltly.Platform.Batching;

/// <summary>Where a <see cref="LastUseWriter"/> writes: a table keyed by <c>id</c>, its last-use column and, optionally,
/// the column of the address it was last used from. Fixed identifiers of the owning feature, never input.</summary>
public sealed record LastUseTable(string Table, string AtColumn, string? AddressColumn = null);
