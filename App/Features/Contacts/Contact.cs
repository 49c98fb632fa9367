using Boltly.Platform.Data;
namespace Boltly.Features.Contacts;

/// <summary>A person an account messages: a phone number in E.164, unique within the account.</summary>
public sealed class Contact : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Phone { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string[] Tags { get; set; } = [];
    /// <summary>A flat JSON object (jsonb), bounded by <see cref="ContactRules"/>.</summary>
    public string Attributes { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
