namespace Boltly.Features.Contacts;

public sealed record ContactFilter(string? Tag, string? Search);
