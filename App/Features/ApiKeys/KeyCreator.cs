namespace Boltly.Features.ApiKeys;

/// <summary>Who created a key, as key lists show it; <see cref="Former"/> when they were removed from the account since.</summary>
public sealed record KeyCreator(string Email, bool Former);
