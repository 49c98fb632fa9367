using Boltly.Platform.Data;
using Boltly.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Email;

/// <summary>Deletes sent and given-up mail queued more than <see cref="MailOutboxOptions.RetentionDays"/> ago
/// (docs/scheduled-work.md); pending mail is never purged.</summary>
public sealed partial class SentMailPurgeJob(IOptions<MailOutboxOptions> options, TimeProvider clock, ILogger<SentMailPurgeJob> logger) : IScheduledJob
{
    public string Name => "mail.purge-sent";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.Value.RetentionDays);
        var contexts = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var purged = await db.QueuedMails.TagWith(BackgroundWork.Tag)
            .Where(m => m.Status != MailStatus.Pending && m.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (purged > 0) LogPurged(logger, purged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} sent or given-up mails")]
    private static partial void LogPurged(ILogger logger, int count);
}
