using System.Text.Json.Nodes;

namespace Boltly.Features.Contacts;

public sealed record NewContact(string? Phone, string? Name, string? Email, IReadOnlyList<string?>? Tags, JsonObject? Attributes);

/// <summary>A partial update: null leaves a field as it is; an empty name or email clears it; attributes merge (null removes a key).</summary>
public sealed record ContactChanges(string? Phone, string? Name, string? Email, JsonObject? Attributes);

public sealed record ContactFilter(string? Tag, string? Search);
