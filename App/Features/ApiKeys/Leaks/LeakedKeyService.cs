using System.Globalization;
using Boltly.Features.ApiKeys.Notices;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Webhooks;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Events;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Leaks;

/// <summary>
/// A key reported as found in public is revoked at once (docs/api-keys.md#leaked-keys): the revocation commits with the
/// <c>api_key.leaked</c> and <c>api_key.revoked</c> events and the owners' mail, then goes everywhere through
/// <see cref="ApiKeyRevocation"/> (refused on every instance within a second), and the audit log records it with the
/// system as actor. A string that fails the key format's checksum is noise: no cache or database is asked.
/// </summary>
public sealed class LeakedKeyService(IDbContextFactory<AppDbContext> contexts, ApiKeyRevocation revocation, IEventOutbox outbox,
    IMailOutbox mail, SecurityEventRecorder events, TimeProvider clock, ILogger<LeakedKeyService> logger)
{
    private const int DetailLength = 200;

    /// <summary>True when <paramref name="token"/> is one of our keys (revoked now, or before); false for anything else.</summary>
    public async Task<bool> ReportAsync(string? token, string? url, string source, ClientInfo client, CancellationToken ct = default)
    {
        if (token is null || !ApiKeyFormat.IsWellFormed(token)) return false;
        var hash = ApiKeyFormat.Hash(token);
        ApiKey? found;
        await using (var lookup = await contexts.CreateDbContextAsync(ct))
            found = await lookup.ApiKeys.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, ct);
        if (found is null) return false;

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(found.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = await db.ApiKeys.FromSql($"SELECT * FROM api_keys WHERE id = {found.Id} FOR UPDATE").FirstAsync(ct);
        if (key.RevokedAt is not null)
        {
            await transaction.RollbackAsync(ct);
            // Reported again, or revoked before: run the revocation path again all the same (it heals a cache that missed it).
            await revocation.RevokedAsync(hash);
            return true;
        }
        key.RevokedAt = now;
        var data = ApiKeyResponse.From(key, now);
        outbox.Emit(db, key.AccountId, WebhookEvents.ApiKeyLeaked, data);
        outbox.Emit(db, key.AccountId, WebhookEvents.ApiKeyRevoked, data);
        foreach (var owner in await KeyRecipients.OwnerAddressesAsync(db, ct))
            mail.Enqueue(db, new OutgoingMail(owner, MailTemplate.KeyLeaked, new Dictionary<string, string>
            {
                ["key_name"] = key.Name,
                ["key_prefix"] = key.Prefix,
                ["revoked_at"] = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["source"] = Shorten(source)!,
                ["found_at"] = Shorten(url) ?? "not given",
            }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Right after the commit, before anything that can fail: the key must stop working whatever happens next.
        await revocation.RevokedAsync(hash);

        logger.LogWarning("API key {Prefix} of account {AccountId} reported leaked ({Source}) and revoked", key.Prefix, key.AccountId, source);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.ApiKeyLeaked, SecurityEventOutcomes.Success, AuditActor.System, key.AccountId,
            client) { Detail = Shorten($"{key.Prefix}… \"{key.Name}\" reported by {source}" + (url is null ? "" : $" at {url}")) }, CancellationToken.None);
        return true;
    }

    /// <summary>A reporter's text as the audit log and the mail may show it: no control characters (U+0000 included, which
    /// PostgreSQL cannot store), at most <see cref="DetailLength"/> characters.</summary>
    private static string? Shorten(string? text)
    {
        if (text is null) return null;
        var clean = new string(text.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)).Take(DetailLength + 1).ToArray());
        return clean.Length <= DetailLength ? clean : clean[..DetailLength] + "…";
    }
}
