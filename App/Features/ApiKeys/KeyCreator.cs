namespace Boltly.Features.ApiKeys;

/// <summary>Who created a key, as key lists show it, on the dashboard and in the API's <c>creator</c>: the member's id and
/// email, and <see cref="FormerMember"/> when they were removed from the account since (their keys stay).</summary>
public sealed record KeyCreator(Guid Id, string Email, bool FormerMember);
