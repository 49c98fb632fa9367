namespace Boltly.Features.ApiKeys;

/// <summary>A roll's outcome: the old key (rolling until its grace ends) and its successor with the secret, shown once.</summary>
public sealed record RolledApiKey(ApiKey OldKey, CreatedApiKey NewKey);
