namespace Boltly.Features.ApiKeys;

/// <summary>The validated key of the current request (no secret), for whoami and headers.</summary>
public sealed record ApiKeyFeature(ApiKeyRecord Key);
