using Boltly.Platform.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Boltly.Platform.Email;

/// <summary>
/// Runs on every instance (docs/email.md, ADR 0017): claims due mail with <c>FOR UPDATE SKIP LOCKED</c> and a
/// lease, sends it over one SMTP connection, records the outcome. Two instances never claim the same row; a
/// claim whose instance died is taken again when its lease ends. A failure is retried with a doubling delay
/// until <see cref="MailOutboxOptions.GiveUpAfterHours"/>; a refusal that cannot change (a malformed address,
/// a 5xx reply) is given up at once.
/// </summary>
public sealed partial class MailOutboxWorker(IDbContextFactory<AppDbContext> contexts, SmtpMailSender sender,
    IOptions<MailOutboxOptions> options, TimeProvider clock, ILogger<MailOutboxWorker> logger) : BackgroundService
{
    private const int PermanentSmtpStatus = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.WorkerEnabled) return;
        var poll = TimeSpan.FromMilliseconds(o.PollIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try { handled = await SendDueAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
            // A full batch: more may be due, go on at once.
            if (handled < o.BatchSize) await Task.Delay(poll, clock, stoppingToken);
        }
    }

    /// <summary>One pass: claims up to a batch of due mail and sends it. Returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var batch = await ClaimAsync(ct);
        if (batch.Count == 0) return 0;
        SmtpClient? client = null;
        Exception? connectError = null;
        try
        {
            try { client = await sender.ConnectAsync(ct); }
            catch (Exception ex) when (!ct.IsCancellationRequested) { connectError = ex; }
            foreach (var mail in batch)
            {
                if (client is null)
                {
                    await FailAsync(mail, connectError!, ct);
                    continue;
                }
                try
                {
                    await sender.SendAsync(client, mail, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    await FailAsync(mail, ex, ct);
                    if (!client.IsConnected)
                    {
                        client.Dispose();
                        client = null;
                        connectError = ex;
                    }
                    continue;
                }
                await MarkSentAsync(mail);
            }
        }
        finally
        {
            if (client is not null)
            {
                try { await client.DisconnectAsync(quit: true, CancellationToken.None); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogDisconnectFailed(logger, ex.GetType().Name); }
                client.Dispose();
            }
        }
        return batch.Count;
    }

    private async Task<List<QueuedMail>> ClaimAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var leaseEnd = now.AddSeconds(o.LeaseSeconds);
        var token = Guid.NewGuid();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // SKIP LOCKED: rows another instance is claiming right now are passed over, not waited for, so each
        // row goes to one claimer; the lease (locked_until) keeps it theirs after this statement commits.
        return await db.QueuedMails.FromSql($"""
            -- boltly:background
            UPDATE mail_messages SET locked_until = {leaseEnd}, claim_token = {token}, attempts = attempts + 1
            WHERE id IN (
              SELECT id FROM mail_messages
              WHERE status = {MailStatus.Pending} AND next_attempt_at <= {now} AND (locked_until IS NULL OR locked_until <= {now})
              ORDER BY next_attempt_at, id
              LIMIT {o.BatchSize}
              FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
    }

    private async Task MarkSentAsync(QueuedMail mail)
    {
        var now = clock.GetUtcNow();
        // Sent is recorded even when the pass is being stopped: the mail left, it must not go twice.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            UPDATE mail_messages SET status = {MailStatus.Sent}, sent_at = {now}, locked_until = NULL, claim_token = NULL, last_error = NULL
            WHERE id = {mail.Id} AND claim_token = {mail.ClaimToken}
            """, CancellationToken.None);
        LogSent(logger, mail.Id, mail.Template, mail.Attempts);
    }

    private async Task FailAsync(QueuedMail mail, Exception error, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var permanent = error is ParseException || error is SmtpCommandException { StatusCode: var code } && (int)code >= PermanentSmtpStatus;
        var giveUp = permanent || now - mail.CreatedAt >= TimeSpan.FromHours(o.GiveUpAfterHours);
        var delaySeconds = Math.Min(o.RetryMaxSeconds, o.RetryBaseSeconds * Math.Pow(2, Math.Max(0, mail.Attempts - 1)));
        var next = now.AddSeconds(delaySeconds);
        var message = $"{error.GetType().Name}: {error.Message}";
        if (message.Length > QueuedMailConfiguration.ErrorLength) message = message[..QueuedMailConfiguration.ErrorLength];
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            UPDATE mail_messages SET status = {(giveUp ? MailStatus.Failed : MailStatus.Pending)}, next_attempt_at = {next},
              locked_until = NULL, claim_token = NULL, last_error = {message}
            WHERE id = {mail.Id} AND claim_token = {mail.ClaimToken}
            """, ct);
        if (giveUp) LogGaveUp(logger, mail.Id, mail.Template, mail.Attempts, error.GetType().Name);
        else LogRetry(logger, mail.Id, mail.Template, mail.Attempts, next, error.GetType().Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Template}) sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid mailId, string template, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} ({Template}) attempt {Attempt} failed ({Error}); next attempt at {NextAttemptAt}")]
    private static partial void LogRetry(ILogger logger, Guid mailId, string template, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId} ({Template}) given up after {Attempt} attempts ({Error})")]
    private static partial void LogGaveUp(ILogger logger, Guid mailId, string template, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the mail outbox failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the SMTP connection failed ({Error})")]
    private static partial void LogDisconnectFailed(ILogger logger, string error);
}
