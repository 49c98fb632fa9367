using System.Text.Json.Nodes;

namespace Boltly.Features.Contacts;

/// <summary>A partial update: null leaves a field as it is; an empty name or email clears it; attributes merge (null removes a key).</summary>
public sealed record ContactChanges(string? Phone, string? Name, string? Email, JsonObject? Attributes);
