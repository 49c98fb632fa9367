namespace Boltly.Platform.Pagination;

/// <summary>A row listed with keyset pagination by an increasing database sequence (an append-only log).</summary>
public interface ISequencedRow
{
    long Id { get; }
}
