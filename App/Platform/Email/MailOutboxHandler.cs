using Boltly.Platform.Data;
using Boltly.Platform.Outbox;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Boltly.Platform.Email;

/// <summary>
/// The mail outbox's own part (docs/email.md): the <c>mail_messages</c> columns, sending over one SMTP connection kept
/// open while mail keeps coming, and which failures are final (a malformed address, a 5xx reply: given up at once).
/// Claiming, leases, the doubling retry delay and the give-up are the platform outbox's (docs/decisions/0025-one-outbox.md).
/// </summary>
public sealed partial class MailOutboxHandler(IDbContextFactory<AppDbContext> contexts, SmtpMailSender sender, IOptions<MailOutboxOptions> options,
    ILogger<MailOutboxHandler> logger) : IOutboxHandler<QueuedMail, OutboxResult>
{
    private const int PermanentSmtpStatus = 500;

    // One send at a time (MaxConcurrent 1): the connection is this handler's alone between sends.
    private SmtpClient? _client;

    public OutboxTable Table { get; } = new()
    {
        Name = "mail_messages", StatusColumn = "status", Pending = MailStatus.Pending, Done = MailStatus.Sent, GivenUp = MailStatus.Failed,
        ClaimsColumn = "attempts", NextAttemptColumn = "next_attempt_at", LeaseColumn = "locked_until", TokenColumn = "claim_token",
        GiveUpAtSql = $"m.created_at + make_interval(hours => {options.Value.GiveUpAfterHours})", DoneAtColumn = "sent_at",
        LastErrorColumn = "last_error", LastErrorLength = QueuedMailConfiguration.ErrorLength,
    };

    public OutboxSettings Settings { get; } = new(options.Value.WorkerEnabled, TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds),
        TimeSpan.FromSeconds(options.Value.LeaseSeconds), options.Value.BatchSize, MaxConcurrent: 1,
        RetrySchedule.Doubling(TimeSpan.FromSeconds(options.Value.RetryBaseSeconds), TimeSpan.FromSeconds(options.Value.RetryMaxSeconds)));

    public Guid IdOf(QueuedMail message) => message.Id;

    public async Task<IReadOnlyList<QueuedMail>> LoadAsync(AppDbContext db, IReadOnlyList<Guid> ids, Guid token, CancellationToken ct) =>
        await db.QueuedMails.TagWith(BackgroundWork.Tag).AsNoTracking().Where(m => ids.Contains(m.Id) && m.ClaimToken == token).ToListAsync(ct);

    public async Task<OutboxResult> SendAsync(QueuedMail message, CancellationToken ct)
    {
        _client ??= await sender.ConnectAsync(ct);
        try
        {
            await sender.SendAsync(_client, message, ct);
        }
        catch (Exception) when (!_client.IsConnected)
        {
            _client.Dispose();
            _client = null;
            throw;
        }
        LogSent(logger, message.Id, message.Template, message.Attempts);
        return OutboxResult.Delivered;
    }

    public OutboxResult Failure(QueuedMail message, Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        var permanent = error is ParseException || error is SmtpCommandException { StatusCode: var code } && (int)code >= PermanentSmtpStatus;
        return permanent ? OutboxResult.Stop(text) : OutboxResult.Failed(text);
    }

    public OutboxResult Judge(QueuedMail message, OutboxResult attempt) => attempt;

    public Task<AppDbContext> OpenAsync(QueuedMail message, CancellationToken ct) => contexts.CreateDbContextAsync(ct);

    public Task RecordAsync(AppDbContext db, QueuedMail message, OutboxResult attempt, OutboxOutcome outcome, CancellationToken ct) => Task.CompletedTask;

    public Task<bool> BeforeClaimAsync(CancellationToken ct) => Task.FromResult(false);

    public Task WaitAsync(TimeSpan idle, CancellationToken ct) => Task.Delay(idle, ct);

    public async ValueTask IdleAsync()
    {
        if (Interlocked.Exchange(ref _client, null) is not { } client) return;
        try { await client.DisconnectAsync(quit: true, CancellationToken.None); }
        catch (Exception ex) when (ex is not OperationCanceledException) { LogDisconnectFailed(logger, ex.GetType().Name); }
        client.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} ({Template}) sent on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, Guid mailId, string template, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the SMTP connection failed ({Error})")]
    private static partial void LogDisconnectFailed(ILogger logger, string error);
}
