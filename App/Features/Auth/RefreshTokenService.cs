using System.Linq.Expressions;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Boltly.Platform.Http;
using Boltly.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Auth;

/// <summary>
/// Issues token pairs and rotates refresh tokens. A refresh token is single use: of concurrent
/// presentations exactly one wins. Presenting a retired token again is treated as theft and revokes
/// the whole family (RFC 9700 §4.14.2).
/// </summary>
/// <remarks>
/// Every change to a user's refresh tokens (rotation, reuse revocation, sign-out, revoke-all) runs in
/// one transaction holding that user's row lock. Without it, a reuse detected while the winning
/// rotation had claimed its token but not yet inserted the successor revoked only the rows that
/// existed at that moment, and the successor survived. Under the lock each step reads the committed
/// state of the whole family, so a revocation sees every successor and no successor is issued into
/// a revoked family.
/// </remarks>
public sealed class RefreshTokenService(IDbContextFactory<AppDbContext> contexts, AccessTokenIssuer issuer,
    IOptions<JwtOptions> options, TimeProvider clock, SecurityEventRecorder events, SessionService sessions, ILogger<RefreshTokenService> logger)
{
    public const string Prefix = "rt_";

    /// <summary>Starts a new family (a sign-in) and its app session, saved together, and returns its first pair.</summary>
    public async Task<TokenPair> IssueAsync(AppUser user, ClientInfo client, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var familyExpiresAt = now.AddDays(options.Value.RefreshTokenDays);
        var familyId = MonotonicUuidV7.NewId();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sessionId = await sessions.StartAsync(db, new NewSession(user.Id, user.AccountId, user.Email, SessionKind.App, client,
            familyExpiresAt, familyId), ct);
        var (pair, token) = NewPair(user, familyId, sessionId, now, familyExpiresAt);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    /// <summary>Rotates <paramref name="presented"/>; null when it is unknown, expired, revoked or reused,
    /// or its user is locked out (the token then stays unused, so a retry after the lockout works).</summary>
    public async Task<TokenPair?> RotateAsync(string presented, ClientInfo client, CancellationToken ct = default)
    {
        if (!LooksLikeRefreshToken(presented)) return null;
        var hash = SecretHasher.Sha256Hex(presented);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var userId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.UserId).FirstOrDefaultAsync(ct);
        if (userId is null) return null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await LockUserAsync(db, userId.Value, ct);
        if (user is null) return null;
        var now = clock.GetUtcNow();
        var token = await db.RefreshTokens.AsNoTracking().FirstAsync(t => t.TokenHash == hash, ct);
        if (token.RevokedAt is not null || token.ExpiresAt <= now) return null;

        if (token.UsedAt is not null)
        {
            var revoked = await RevokeWhereAsync(db, t => t.FamilyId == token.FamilyId, now, ct);
            await transaction.CommitAsync(ct);
            await sessions.EndByRefreshFamilyAsync(token.FamilyId, SessionEndReasons.RefreshTokenReuse, CancellationToken.None);
            await RecordReuseAsync(user, token.FamilyId, revoked, client, ct);
            return null;
        }

        // Checked before the token is retired: a refusal for lockout must not look like reuse later.
        if (user.LockoutEnd > now) return null;
        // A family whose session ended (revoked from the Sessions page, a credentials change) issues nothing more.
        if (await sessions.LiveSessionOfFamilyAsync(token.FamilyId, ct) is not { } sessionId) return null;

        await db.RefreshTokens.Where(t => t.Id == token.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        var (pair, next) = NewPair(user, token.FamilyId, sessionId, now, token.ExpiresAt);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return pair;
    }

    /// <summary>Revokes the family of <paramref name="presented"/> (sign-out). Unknown tokens are ignored.</summary>
    public async Task RevokeFamilyAsync(string presented, CancellationToken ct = default)
    {
        if (!LooksLikeRefreshToken(presented)) return;
        var hash = SecretHasher.Sha256Hex(presented);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var owner = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => new { t.UserId, t.FamilyId }).FirstOrDefaultAsync(ct);
        if (owner is null) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockUserAsync(db, owner.UserId, ct);
        await RevokeWhereAsync(db, t => t.FamilyId == owner.FamilyId, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        await sessions.EndByRefreshFamilyAsync(owner.FamilyId, SessionEndReasons.SignOut, CancellationToken.None);
    }

    /// <summary>Revokes every refresh token of a user (password or 2FA change).</summary>
    public async Task RevokeAllForUserAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockUserAsync(db, userId, ct);
        await RevokeWhereAsync(db, t => t.UserId == userId, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
    }

    public static bool LooksLikeRefreshToken(string? value) =>
        value is { Length: > 10 and < 200 } && value.StartsWith(Prefix, StringComparison.Ordinal);

    // FOR NO KEY UPDATE conflicts with itself (so these transactions serialise per user) but not with
    // the key-share lock of a foreign-key check, so sign-ins inserting a new family are not held up.
    private static Task<AppUser?> LockUserAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.FromSql($"SELECT * FROM \"AspNetUsers\" WHERE id = {userId} FOR NO KEY UPDATE").AsNoTracking().FirstOrDefaultAsync(ct);

    private static Task<int> RevokeWhereAsync(AppDbContext db, Expression<Func<RefreshToken, bool>> which,
        DateTimeOffset now, CancellationToken ct) =>
        db.RefreshTokens.Where(which).Where(t => t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);

    private async Task RecordReuseAsync(AppUser user, Guid familyId, int revoked, ClientInfo client, CancellationToken ct)
    {
        logger.LogWarning("Refresh token reuse for user {UserId}: family {FamilyId} revoked ({Count} tokens)", user.Id, familyId, revoked);
        await events.RecordAsync(SecurityEventTypes.RefreshTokenReuse, SecurityEventOutcomes.Blocked, client,
            user.Id, user.AccountId, $"family {familyId}", ct);
    }

    private (TokenPair Pair, RefreshToken Token) NewPair(AppUser user, Guid familyId, Guid sessionId, DateTimeOffset now, DateTimeOffset familyExpiresAt)
    {
        var secret = Prefix + SecretHasher.RandomUrlToken(32);
        var token = new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = SecretHasher.Sha256Hex(secret),
            CreatedAt = now,
            ExpiresAt = familyExpiresAt,
        };
        var pair = new TokenPair(issuer.Issue(user, sessionId), "Bearer", issuer.LifetimeSeconds, secret,
            (int)Math.Max(0, (familyExpiresAt - now).TotalSeconds));
        return (pair, token);
    }
}
