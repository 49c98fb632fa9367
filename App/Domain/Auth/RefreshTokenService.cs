using Boltly.Domain.Common;
using Boltly.Domain.Security;
using Boltly.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Domain.Auth;

/// <summary>
/// Issues token pairs and rotates refresh tokens. A refresh token is single use: the rotation claims
/// it with one conditional UPDATE, so of concurrent presentations exactly one wins. Presenting a
/// retired token again is treated as theft and revokes the whole family (RFC 9700 §4.14.2).
/// </summary>
public sealed class RefreshTokenService(IDbContextFactory<AppDbContext> contexts, AccessTokenIssuer issuer,
    IOptions<JwtOptions> options, TimeProvider clock, SecurityEventRecorder events, ILogger<RefreshTokenService> logger)
{
    public const string Prefix = "rt_";

    /// <summary>Starts a new family (a sign-in) and returns its first pair.</summary>
    public async Task<TokenPair> IssueAsync(AppUser user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var familyExpiresAt = now.AddDays(options.Value.RefreshTokenDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (pair, token) = NewPair(user, MonotonicUuidV7.NewId(), now, familyExpiresAt);
        db.RefreshTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    /// <summary>Rotates <paramref name="presented"/>; null when it is unknown, expired, revoked or reused.</summary>
    public async Task<TokenPair?> RotateAsync(string presented, ClientInfo client, CancellationToken ct = default)
    {
        if (!LooksLikeRefreshToken(presented)) return null;
        var hash = SecretHasher.Sha256Hex(presented);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);

        var claimed = await db.RefreshTokens
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);

        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null) return null;

        if (claimed == 0)
        {
            if (token.UsedAt is not null)
                await RevokeFamilyAfterReuseAsync(db, token, client, now, ct);
            return null;
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId, ct);
        if (user is null || user.LockoutEnd > now) return null;

        var (pair, next) = NewPair(user, token.FamilyId, now, token.ExpiresAt);
        db.RefreshTokens.Add(next);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    /// <summary>Revokes the family of <paramref name="presented"/> (sign-out). Unknown tokens are ignored.</summary>
    public async Task RevokeFamilyAsync(string presented, CancellationToken ct = default)
    {
        if (!LooksLikeRefreshToken(presented)) return;
        var hash = SecretHasher.Sha256Hex(presented);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(ct);
        if (familyId is null) return;
        var now = clock.GetUtcNow();
        await db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    /// <summary>Revokes every refresh token of a user (password or 2FA change).</summary>
    public async Task RevokeAllForUserAsync(Guid userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    public static bool LooksLikeRefreshToken(string? value) =>
        value is { Length: > 10 and < 200 } && value.StartsWith(Prefix, StringComparison.Ordinal);

    private async Task RevokeFamilyAfterReuseAsync(AppDbContext db, RefreshToken token, ClientInfo client, DateTimeOffset now, CancellationToken ct)
    {
        var revoked = await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        var accountId = await db.Users.Where(u => u.Id == token.UserId).Select(u => (Guid?)u.AccountId).FirstOrDefaultAsync(ct);
        logger.LogWarning("Refresh token reuse for user {UserId}: family {FamilyId} revoked ({Count} tokens)", token.UserId, token.FamilyId, revoked);
        await events.RecordAsync(SecurityEventTypes.RefreshTokenReuse, SecurityEventOutcomes.Blocked, client,
            token.UserId, accountId, $"family {token.FamilyId}", ct);
    }

    private (TokenPair Pair, RefreshToken Token) NewPair(AppUser user, Guid familyId, DateTimeOffset now, DateTimeOffset familyExpiresAt)
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
        var pair = new TokenPair(issuer.Issue(user, familyId), "Bearer", issuer.LifetimeSeconds, secret,
            (int)Math.Max(0, (familyExpiresAt - now).TotalSeconds));
        return (pair, token);
    }
}
