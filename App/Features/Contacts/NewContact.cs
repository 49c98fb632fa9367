using System.Text.Json.Nodes;

namespace Boltly.Features.Contacts;

public sealed record NewContact(string? Phone, string? Name, string? Email, IReadOnlyList<string?>? Tags, JsonObject? Attributes);
