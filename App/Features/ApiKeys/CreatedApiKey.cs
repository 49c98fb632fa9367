namespace Boltly.Features.ApiKeys;

/// <summary>A key just created: its stored row and the secret, which exists only in this object.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret)
{
    // ToString (records print their members) must never show the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Prefix = ").Append(Key.Prefix);
        return true;
    }
}
