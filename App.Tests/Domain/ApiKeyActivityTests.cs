namespace Boltly.Tests.Domain;

/// <summary>The key-active rule in memory; the list filters and the key limit run the same expressions as SQL
/// (ApiKeyManagementTests).</summary>
public sealed class ApiKeyActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static ApiKey Key(DateTimeOffset? expiresAt, DateTimeOffset? revokedAt = null) => new()
    {
        Name = "k", Prefix = "sk_live_abcdefgh", KeyHash = "h", Scopes = [], ExpiresAt = expiresAt, RevokedAt = revokedAt,
    };

    [Fact]
    public void A_key_expires_at_its_expiry_instant()
    {
        Assert.True(ApiKeyActivity.IsActive(Key(Now.AddTicks(1)), Now));
        Assert.False(ApiKeyActivity.IsActive(Key(Now), Now));
        Assert.True(ApiKeyActivity.IsExpired(Key(Now), Now));
        Assert.True(ApiKeyActivity.HasExpired(Now, Now));
        Assert.False(ApiKeyActivity.HasExpired(null, Now));
        Assert.Equal(ApiKeyStatus.Expired, ApiKeyStatus.Of(Key(Now), Now));
    }

    [Fact]
    public void A_revoked_key_is_neither_active_nor_expired()
    {
        var key = Key(Now.AddDays(-1), revokedAt: Now.AddDays(-2));
        Assert.False(ApiKeyActivity.IsActive(key, Now));
        Assert.False(ApiKeyActivity.IsExpired(key, Now));
        Assert.True(ApiKeyActivity.IsRevoked(key));
        Assert.Equal(ApiKeyStatus.Revoked, ApiKeyStatus.Of(key, Now));
    }

    [Fact]
    public void The_query_form_binds_now_and_agrees_with_memory()
    {
        var keys = new[] { Key(null), Key(Now), Key(Now.AddMinutes(1)), Key(null, revokedAt: Now) };
        var active = keys.AsQueryable().Where(ApiKeyActivity.ActiveAt(Now)).ToList();
        Assert.Equal(keys.Where(k => ApiKeyActivity.IsActive(k, Now)), active);
        Assert.Equal(2, active.Count);
        Assert.Single(keys.AsQueryable().Where(ApiKeyActivity.ExpiredAt(Now)));
    }
}
