namespace Boltly.Features.ApiKeys.Policy;

/// <summary>The whole policy, replaced: an absent field is null ("no limit").</summary>
public sealed record KeyPolicyRequest(int? MaxLifetimeDays, int? IdleRevokeDays);
