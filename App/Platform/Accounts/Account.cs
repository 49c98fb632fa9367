using Boltly.Platform.Data;
namespace Boltly.Platform.Accounts;

/// <summary>An organization: it owns its users, API keys and data.</summary>
public sealed class Account
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
