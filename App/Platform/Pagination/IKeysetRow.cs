namespace Boltly.Platform.Pagination;

/// <summary>A row listed with keyset pagination: a UUIDv7 primary key.</summary>
public interface IKeysetRow
{
    Guid Id { get; }
}
