namespace Boltly.Features.DeveloperAccess;

public sealed record ScopeResponse(string Name, string Group, string Description);
