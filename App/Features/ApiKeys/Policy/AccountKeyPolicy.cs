namespace Boltly.Features.ApiKeys.Policy;

/// <summary>The stored key policy of one account (<c>account_key_policies</c>); an account without a row has
/// <see cref="KeyPolicy.None"/>.</summary>
public sealed class AccountKeyPolicy : Boltly.Platform.Data.IAccountScoped
{
    public Guid AccountId { get; init; }
    public int? MaxLifetimeDays { get; set; }
    public int? IdleRevokeDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? UpdatedByUserId { get; set; }

    public KeyPolicy ToPolicy() => new(MaxLifetimeDays, IdleRevokeDays);
}
