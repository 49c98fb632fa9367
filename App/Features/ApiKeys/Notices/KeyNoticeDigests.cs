using System.Globalization;
using System.Text;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>
/// One mail per person per UTC day listing every key notice waiting for them (ADR 0034). In one transaction: the
/// person's <c>api_key_notice_digests</c> row for the day (unique: a second run or instance inserts nothing and moves
/// on), the waiting items marked with it, and the mail queued in the mail outbox, which sends it once. A person who
/// already had today's digest gets what came since in tomorrow's.
/// </summary>
public sealed class KeyNoticeDigests(IDbContextFactory<AppDbContext> contexts, IMailOutbox mail, IOptions<KeyNoticeOptions> options)
{
    /// <summary>Sends the digests due at <paramref name="now"/>; returns how many mails were queued.</summary>
    public async Task<int> SendAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<Guid> people;
        await using (var db = await contexts.CreateDbContextAsync(ct))
            people = await db.ApiKeyNoticeRecipients.AsNoTracking().TagWith(BackgroundWork.Tag).Where(r => r.DigestId == null)
                .Select(r => r.UserId).Distinct().OrderBy(u => u).Take(options.Value.MaxPerRun).ToListAsync(ct);
        var sent = 0;
        foreach (var userId in people)
            if (await SendToAsync(userId, now, ct)) sent++;
        return sent;
    }

    private async Task<bool> SendToAsync(Guid userId, DateTimeOffset now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var digestId = MonotonicUuidV7.NewId();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            INSERT INTO api_key_notice_digests (id, user_id, day, created_at) VALUES ({digestId}, {userId}, {day}, {now})
            ON CONFLICT (user_id, day) DO NOTHING
            """, ct);
        if (inserted == 0) return false;
        var items = await (from r in db.ApiKeyNoticeRecipients.TagWith(BackgroundWork.Tag)
                           join n in db.ApiKeyNotices on r.NoticeId equals n.Id
                           join k in db.ApiKeys.IgnoreQueryFilters() on n.ApiKeyId equals k.Id
                           where r.UserId == userId && r.DigestId == null
                           orderby n.Deadline, k.Name
                           select new { Recipient = r, n.Kind, n.Deadline, k.Name, k.Prefix, k.RevokedAt, LastActivity = k.LastUsedAt ?? k.CreatedAt })
            .ToListAsync(ct);
        foreach (var item in items) item.Recipient.DigestId = digestId;
        // A warning about a key revoked since needs no mail: the key is gone.
        var listed = items.Where(i => i.Kind is KeyNoticeKinds.IdleRevoked || i.RevokedAt is null).ToList();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.RemovedAt, Account = u.Account!.Name })
            .FirstAsync(ct);
        if (listed.Count > 0 && user.RemovedAt is null && !string.IsNullOrWhiteSpace(user.Email))
        {
            var lines = new StringBuilder();
            foreach (var i in listed) lines.Append("• ").Append(i.Name).Append(" (").Append(i.Prefix).Append("…): ")
                .Append(Describe(i.Kind, i.Deadline, i.LastActivity, now)).Append('\n');
            mail.Enqueue(db, new OutgoingMail(user.Email, MailTemplate.KeyNotices, new Dictionary<string, string>
            {
                ["account_name"] = user.Account,
                ["count"] = listed.Count.ToString(CultureInfo.InvariantCulture),
                ["keys"] = lines.ToString().TrimEnd('\n'),
            }));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return listed.Count > 0;
    }

    /// <summary>One line of the digest, in the words of the notice.</summary>
    public static string Describe(string kind, DateTimeOffset deadline, DateTimeOffset lastActivity, DateTimeOffset now)
    {
        var at = deadline.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var since = lastActivity.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = Math.Max(1, (int)Math.Ceiling((deadline - now).TotalDays));
        return kind switch
        {
            KeyNoticeKinds.Expiring7Days or KeyNoticeKinds.Expiring1Day => $"expires {at} (in {days} day{(days == 1 ? "" : "s")})",
            KeyNoticeKinds.Expired => $"expired {at}",
            KeyNoticeKinds.IdleRevokeWarning => $"unused since {since}; it will be revoked {at} unless it is used before then",
            _ => $"revoked {at}, unused since {since}",
        };
    }
}
