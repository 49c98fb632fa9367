using System.Security.Cryptography;
using Boltly.Platform.Data;
using Boltly.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// Ten one-time recovery codes per user, stored as HMAC-SHA256 under a server-side pepper
/// (<see cref="RecoveryCodeOptions"/>): about 59 random bits each, so a keyed fast hash is enough, and a copy of
/// the database alone cannot test guesses. Codes stored before the pepper (bare SHA-256) still redeem: both
/// forms are looked up, and such a code is gone once used or replaced (no rehash is needed for one-time codes).
/// Redeeming claims the row with a conditional UPDATE on <c>used_at</c>: of two concurrent uses of one code
/// exactly one succeeds.
/// </summary>
public sealed class RecoveryCodeService(IDbContextFactory<AppDbContext> contexts, IOptions<RecoveryCodeOptions> options, TimeProvider clock)
{
    private readonly byte[] _pepper = options.Value.PepperBytes()
        ?? throw new InvalidOperationException("TwoFactor:RecoveryCodePepper is not set (see docs/security.md).");

    public const int CodesPerSet = 10;
    // No 0/o, 1/l/i: codes are read off paper.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int GroupLength = 4;
    private const int Groups = 3;

    /// <summary>Replaces the user's codes with a new set and returns the plaintext, once.</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, CancellationToken ct = default)
    {
        var codes = Enumerable.Range(0, CodesPerSet).Select(_ => NewCode()).ToList();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, CodeHash = Hash(c), CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return codes;
    }

    /// <summary>True when <paramref name="code"/> was one of the user's unused codes; it is used now.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string? code, CancellationToken ct = default)
    {
        var normalized = Normalize(code);
        if (normalized is null) return false;
        var hash = Peppered(normalized);
        var legacy = SecretHasher.Sha256Hex(normalized);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await db.RecoveryCodes
            .Where(c => c.UserId == userId && (c.CodeHash == hash || c.CodeHash == legacy) && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        return claimed == 1;
    }

    public async Task<int> CountRemainingAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RecoveryCodes.CountAsync(c => c.UserId == userId && c.UsedAt == null, ct);
    }

    public async Task DeleteAllAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Lower case without separators or spaces, or null when it cannot be a code.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 64) return null;
        var compact = new string(code.Where(c => c is not ('-' or ' ')).Select(char.ToLowerInvariant).ToArray());
        return compact.Length == GroupLength * Groups && compact.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? compact : null;
    }

    private string Hash(string formatted) => Peppered(Normalize(formatted)!);

    private string Peppered(string normalized) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_pepper, System.Text.Encoding.UTF8.GetBytes(normalized)));

    private static string NewCode()
    {
        var chars = new char[GroupLength * Groups];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var text = new string(chars);
        return string.Join('-', Enumerable.Range(0, Groups).Select(g => text.Substring(g * GroupLength, GroupLength)));
    }
}
