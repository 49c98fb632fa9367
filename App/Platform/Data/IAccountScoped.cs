namespace Boltly.Platform.Data;

/// <summary>
/// A row whose reads AppDbContext confines to the context's account scope with a global query filter on its
/// <c>AccountId</c> column (a <see cref="Guid"/>, or a nullable one for rows that may belong to no account, such as a
/// failed sign-in with an unknown email). Rows written by background work for every account (usage counts, security
/// events) are only this; rows that services write are <see cref="IAccountOwned"/>, whose writes are guarded too.
/// A read that must cross accounts says so with <c>IgnoreQueryFilters()</c> (docs/architecture.md, "Account isolation").
/// </summary>
public interface IAccountScoped;
