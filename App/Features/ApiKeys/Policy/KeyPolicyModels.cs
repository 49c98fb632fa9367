namespace Boltly.Features.ApiKeys.Policy;

/// <summary><c>GET/PUT /v1/account/key-policy</c>: null is "no limit". <c>updated_at</c> is null until someone sets one.</summary>
public sealed record KeyPolicyView(int? MaxLifetimeDays, int? IdleRevokeDays, DateTimeOffset? UpdatedAt)
{
    public static KeyPolicyView From(AccountKeyPolicy? row) =>
        row is null ? new(null, null, null) : new(row.MaxLifetimeDays, row.IdleRevokeDays, row.UpdatedAt);

    public KeyPolicy ToPolicy() => new(MaxLifetimeDays, IdleRevokeDays);
}
