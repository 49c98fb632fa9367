using System.Security.Cryptography;
using Boltly.Platform.Data;
using Boltly.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// Ten one-time recovery codes per user, stored as SHA-256 hashes (about 59 random bits each, so a fast
/// hash is enough). Redeeming claims the row with a conditional UPDATE on <c>used_at</c>: of two
/// concurrent uses of one code exactly one succeeds.
/// </summary>
public sealed class RecoveryCodeService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
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
        var hash = SecretHasher.Sha256Hex(normalized);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claimed = await db.RecoveryCodes
            .Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
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

    private static string Hash(string formatted) => SecretHasher.Sha256Hex(Normalize(formatted)!);

    private static string NewCode()
    {
        var chars = new char[GroupLength * Groups];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var text = new string(chars);
        return string.Join('-', Enumerable.Range(0, Groups).Select(g => text.Substring(g * GroupLength, GroupLength)));
    }
}
