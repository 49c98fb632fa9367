using System.Linq.Expressions;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// When a key is active, expired or revoked: the one definition, as expressions, so a database query
/// (translated to SQL) and a key in memory (the compiled delegates) cannot disagree. A key is revoked from
/// its <c>revoked_at</c> on; it is expired from its <c>expires_at</c> instant on (not revoked); otherwise
/// it is active. The key limit counts active keys, the list filters by these, the dashboard labels with
/// them, and authentication refuses a cached key that <see cref="HasExpired"/>.
/// </summary>
public static class ApiKeyActivity
{
    /// <summary>The expiry rule itself: a key with an expiry has expired from that instant on.</summary>
    public static readonly Expression<Func<DateTimeOffset?, DateTimeOffset, bool>> Expiry =
        (expiresAt, now) => expiresAt != null && expiresAt <= now;

    public static readonly Expression<Func<ApiKey, bool>> Revoked = k => k.RevokedAt != null;

    public static readonly Expression<Func<ApiKey, bool>> NotRevoked = k => k.RevokedAt == null;

    /// <summary>Not revoked, and its expiry has passed.</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Expired = NotRevokedAnd(expired: true);

    /// <summary>Not revoked, and not expired: the keys the key limit counts and authentication accepts.</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Active = NotRevokedAnd(expired: false);

    private static readonly Func<DateTimeOffset?, DateTimeOffset, bool> ExpiryNow = Expiry.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> ActiveNow = Active.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> ExpiredNow = Expired.Compile();

    /// <summary>For a query: the keys active at <paramref name="now"/> (bound as a SQL parameter).</summary>
    public static Expression<Func<ApiKey, bool>> ActiveAt(DateTimeOffset now) => Bind(Active, now);

    /// <summary>For a query: the keys expired (and not revoked) at <paramref name="now"/>.</summary>
    public static Expression<Func<ApiKey, bool>> ExpiredAt(DateTimeOffset now) => Bind(Expired, now);

    public static bool IsActive(ApiKey key, DateTimeOffset now) => ActiveNow(key, now);

    public static bool IsExpired(ApiKey key, DateTimeOffset now) => ExpiredNow(key, now);

    public static bool IsRevoked(ApiKey key) => key.RevokedAt is not null;

    /// <summary>For a key known not to be revoked (a cached record): has its expiry passed?</summary>
    public static bool HasExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => ExpiryNow(expiresAt, now);

    /// <summary><c>(k, now) =&gt; NotRevoked(k) &amp;&amp; [!]Expiry(k.ExpiresAt, now)</c>, both rules inlined so EF Core translates them.</summary>
    private static Expression<Func<ApiKey, DateTimeOffset, bool>> NotRevokedAnd(bool expired)
    {
        var key = NotRevoked.Parameters[0];
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");
        var expiry = new Substitute(new()
        {
            [Expiry.Parameters[0]] = Expression.Property(key, nameof(ApiKey.ExpiresAt)),
            [Expiry.Parameters[1]] = now,
        }).Visit(Expiry.Body);
        if (!expired) expiry = Expression.Not(expiry);
        return Expression.Lambda<Func<ApiKey, DateTimeOffset, bool>>(Expression.AndAlso(NotRevoked.Body, expiry), key, now);
    }

    /// <summary>Replaces the <c>now</c> parameter with a captured value, which EF Core sends as a parameter.</summary>
    private static Expression<Func<ApiKey, bool>> Bind(Expression<Func<ApiKey, DateTimeOffset, bool>> rule, DateTimeOffset now)
    {
        Expression<Func<DateTimeOffset>> captured = () => now;
        var body = new Substitute(new() { [rule.Parameters[1]] = captured.Body }).Visit(rule.Body);
        return Expression.Lambda<Func<ApiKey, bool>>(body, rule.Parameters[0]);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
