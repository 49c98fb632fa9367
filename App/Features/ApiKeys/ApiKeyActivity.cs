using System.Linq.Expressions;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// When a key is active, rolling, expired or retired: the one definition, as expressions, so a database query
/// (translated to SQL) and a key in memory (the compiled delegates) cannot disagree. A key is <b>retired</b> from its
/// <c>revoked_at</c> on, or once the grace of a roll has ended (<c>grace_ends_at</c>); it is expired from its
/// <c>expires_at</c> instant on (not retired); otherwise it is active, and <b>rolling</b> while a roll's grace runs.
/// The key limit counts active keys that no roll replaced (<see cref="CountedAt"/>: a rolling key and its successor
/// are one), the list filters by these, the dashboard labels with them, and authentication refuses a cached key that
/// <see cref="HasExpired"/> or whose grace is over.
/// </summary>
public static class ApiKeyActivity
{
    /// <summary>The instant rule itself: a key with such an instant (expiry, grace end) has passed it from that instant on.</summary>
    public static readonly Expression<Func<DateTimeOffset?, DateTimeOffset, bool>> Expiry =
        (expiresAt, now) => expiresAt != null && expiresAt <= now;

    /// <summary>Revoked, or rolled and its grace over: refused as revoked (status <c>revoked</c>).</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Retired = Build((k, now) =>
        Expression.OrElse(Expression.NotEqual(Property(k, nameof(ApiKey.RevokedAt)), Expression.Constant(null, typeof(DateTimeOffset?))),
            Passed(k, nameof(ApiKey.GraceEndsAt), now)));

    /// <summary>Not retired, and its expiry has passed.</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Expired = Build((k, now) =>
        Expression.AndAlso(Expression.Not(Inline(Retired, k, now)), Passed(k, nameof(ApiKey.ExpiresAt), now)));

    /// <summary>Not retired, and not expired: the keys authentication accepts (rolling keys included).</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Active = Build((k, now) =>
        Expression.AndAlso(Expression.Not(Inline(Retired, k, now)), Expression.Not(Passed(k, nameof(ApiKey.ExpiresAt), now))));

    /// <summary>Active, in a roll's grace.</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Rolling = Build((k, now) =>
        Expression.AndAlso(Inline(Active, k, now),
            Expression.NotEqual(Property(k, nameof(ApiKey.GraceEndsAt)), Expression.Constant(null, typeof(DateTimeOffset?)))));

    /// <summary>Active and replaced by no roll: what the key limit counts, so a rolling key and its successor count once.</summary>
    public static readonly Expression<Func<ApiKey, DateTimeOffset, bool>> Counted = Build((k, now) =>
        Expression.AndAlso(Inline(Active, k, now),
            Expression.Equal(Property(k, nameof(ApiKey.ReplacedById)), Expression.Constant(null, typeof(Guid?)))));

    private static readonly Func<DateTimeOffset?, DateTimeOffset, bool> ExpiryNow = Expiry.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> ActiveNow = Active.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> ExpiredNow = Expired.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> RetiredNow = Retired.Compile();
    private static readonly Func<ApiKey, DateTimeOffset, bool> RollingNow = Rolling.Compile();

    /// <summary>For a query: the keys active at <paramref name="now"/> (bound as a SQL parameter).</summary>
    public static Expression<Func<ApiKey, bool>> ActiveAt(DateTimeOffset now) => Bind(Active, now);

    /// <summary>For a query: the keys expired (and not retired) at <paramref name="now"/>.</summary>
    public static Expression<Func<ApiKey, bool>> ExpiredAt(DateTimeOffset now) => Bind(Expired, now);

    /// <summary>For a query: the keys retired (revoked, or their grace over) at <paramref name="now"/>.</summary>
    public static Expression<Func<ApiKey, bool>> RetiredAt(DateTimeOffset now) => Bind(Retired, now);

    /// <summary>For a query: the keys rolling at <paramref name="now"/>.</summary>
    public static Expression<Func<ApiKey, bool>> RollingAt(DateTimeOffset now) => Bind(Rolling, now);

    /// <summary>For a query: the keys the key limit counts at <paramref name="now"/>.</summary>
    public static Expression<Func<ApiKey, bool>> CountedAt(DateTimeOffset now) => Bind(Counted, now);

    public static bool IsActive(ApiKey key, DateTimeOffset now) => ActiveNow(key, now);

    public static bool IsExpired(ApiKey key, DateTimeOffset now) => ExpiredNow(key, now);

    public static bool IsRetired(ApiKey key, DateTimeOffset now) => RetiredNow(key, now);

    public static bool IsRolling(ApiKey key, DateTimeOffset now) => RollingNow(key, now);

    /// <summary>Revoked outright (not merely retired by a roll's grace ending).</summary>
    public static bool IsRevoked(ApiKey key) => key.RevokedAt is not null;

    /// <summary>For a key known not to be revoked (a cached record): has this instant (its expiry, its grace end) passed?</summary>
    public static bool HasExpired(DateTimeOffset? expiresAt, DateTimeOffset now) => ExpiryNow(expiresAt, now);

    private static Expression<Func<ApiKey, DateTimeOffset, bool>> Build(Func<ParameterExpression, ParameterExpression, Expression> body)
    {
        var key = Expression.Parameter(typeof(ApiKey), "k");
        var now = Expression.Parameter(typeof(DateTimeOffset), "now");
        return Expression.Lambda<Func<ApiKey, DateTimeOffset, bool>>(body(key, now), key, now);
    }

    private static MemberExpression Property(ParameterExpression key, string name) => Expression.Property(key, name);

    /// <summary><see cref="Expiry"/> inlined for one of the key's instants, so EF Core translates it.</summary>
    private static Expression Passed(ParameterExpression key, string property, ParameterExpression now) =>
        new Substitute(new()
        {
            [Expiry.Parameters[0]] = Property(key, property),
            [Expiry.Parameters[1]] = now,
        }).Visit(Expiry.Body);

    private static Expression Inline(Expression<Func<ApiKey, DateTimeOffset, bool>> rule, ParameterExpression key, ParameterExpression now) =>
        new Substitute(new() { [rule.Parameters[0]] = key, [rule.Parameters[1]] = now }).Visit(rule.Body);

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
