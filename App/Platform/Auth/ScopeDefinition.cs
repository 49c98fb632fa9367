namespace Boltly.Platform.Auth;

/// <summary>A scope (docs/authorization.md, "Scopes"): what it grants, and the resource group the dashboard picker shows it under.</summary>
public sealed record ScopeDefinition(string Name, string Group, string Description, bool ReadOnly);
