using Boltly.Platform.Pagination;
namespace Boltly.Platform.Data;

/// <summary>
/// A row that belongs to one account. AppDbContext confines every query on such rows to the
/// context's account scope with a global query filter, and stamps/guards the account on writes:
/// isolation lives there, not in a Where in each handler.
/// </summary>
public interface IAccountOwned : IAccountScoped, IKeysetRow
{
    Guid AccountId { get; set; }
}
