using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
namespace Boltly.Features.Contacts;

public sealed record ContactResponse(Guid Id, string Phone, string? Name, string? Email, IReadOnlyList<string> Tags,
    JsonObject Attributes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ContactResponse From(Contact c) =>
        new(c.Id, c.Phone, c.Name, c.Email, c.Tags, JsonNode.Parse(c.Attributes) as JsonObject ?? [], c.CreatedAt, c.UpdatedAt);
}

/// <param name="Phone">E.164, for example +14155550100; unique in the account.</param>
/// <param name="Attributes">A flat JSON object: up to 50 string, number or boolean values.</param>
public sealed record CreateContactRequest([Required] string? Phone, string? Name, string? Email, IReadOnlyList<string?>? Tags, JsonObject? Attributes);

/// <summary>Partial: an absent or null field is unchanged; an empty name or email clears it; attributes merge, a null value removes the key.</summary>
public sealed record UpdateContactRequest(string? Phone, string? Name, string? Email, JsonObject? Attributes);

public sealed record AddTagRequest([Required] string? Tag);
