using System.Collections.Concurrent;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Platform.Outbox;

/// <summary>
/// The one claim loop of every outbox (docs/decisions/0025-one-outbox.md), on every instance: claims due messages
/// (<see cref="OutboxStore"/>), sends each on its own up to <see cref="OutboxSettings.MaxConcurrent"/> at once (a slow
/// receiver holds one slot, never the others) and records each outcome. Anything that throws while preparing or
/// sending is a failed attempt, recorded and retried on the schedule; the schedule ends at the give-up time. A message
/// whose claims keep ending without an outcome (poison: it stops its instance) is given up at that time unsent.
/// </summary>
public sealed partial class OutboxWorker<TMessage, TAttempt>(IOutboxHandler<TMessage, TAttempt> handler, IDbContextFactory<AppDbContext> contexts,
    TimeProvider clock, ILogger<OutboxWorker<TMessage, TAttempt>> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = handler.Settings;
        if (!settings.Enabled) return;
        using var slots = new SemaphoreSlim(settings.MaxConcurrent);
        var running = new ConcurrentDictionary<Guid, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var prepared = await handler.BeforeClaimAsync(stoppingToken);
                var wanted = Math.Min(settings.BatchSize, slots.CurrentCount);
                var claimed = wanted == 0 ? [] : await ClaimAsync(wanted, stoppingToken);
                foreach (var (claim, message) in claimed)
                {
                    await slots.WaitAsync(stoppingToken);
                    running[claim.Id] = Task.Run(async () =>
                    {
                        try { await HandleAsync(claim, message, stoppingToken); }
                        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { /* the lease returns it */ }
                        catch (Exception ex) { LogRecordFailed(logger, handler.Table.Name, claim.Id, ex); }
                        finally
                        {
                            slots.Release();
                            running.TryRemove(claim.Id, out _);
                        }
                    }, CancellationToken.None);
                }
                if (prepared || (claimed.Count > 0 && claimed.Count == wanted)) continue;   // more may be waiting
                if (running.IsEmpty) await handler.IdleAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be down for a moment: try again at the next poll, never stop the loop (or the host).
                LogPassFailed(logger, handler.Table.Name, ex);
            }
            try { await handler.WaitAsync(settings.Poll, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(running.Values);
        await handler.IdleAsync();
    }

    /// <summary>One pass without the loop (tests, tools): claims up to a batch and handles it; how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await handler.BeforeClaimAsync(ct);
        var claimed = await ClaimAsync(handler.Settings.BatchSize, ct);
        foreach (var (claim, message) in claimed) await HandleAsync(claim, message, ct);
        await handler.IdleAsync();
        return claimed.Count;
    }

    private async Task<List<(OutboxClaim Claim, TMessage Message)>> ClaimAsync(int count, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var claims = await OutboxStore.ClaimAsync(db, handler.Table, handler.Settings, count, clock.GetUtcNow(), ct);
        if (claims.Count == 0) return [];
        var messages = await handler.LoadAsync(db, [.. claims.Select(c => c.Id)], claims[0].Token, ct);
        var byId = messages.ToDictionary(handler.IdOf);
        // A claimed row the owner no longer reads (deleted meanwhile) is left to its lease.
        return [.. claims.Where(c => byId.ContainsKey(c.Id)).Select(c => (c, byId[c.Id]))];
    }

    private async Task HandleAsync(OutboxClaim claim, TMessage message, CancellationToken ct)
    {
        var attemptedAt = clock.GetUtcNow();
        TAttempt attempt;
        if (claim.Abandoned && attemptedAt >= claim.GiveUpAt)
            attempt = handler.Failure(message, new OutboxAbandonedException(claim.Claims - 1));
        else
        {
            try { attempt = await handler.SendAsync(message, ct); }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogSendThrew(logger, handler.Table.Name, claim.Id, ex.GetType().Name);
                attempt = handler.Failure(message, ex);
            }
        }
        var result = claim.Abandoned && attemptedAt >= claim.GiveUpAt
            ? OutboxResult.Stop(new OutboxAbandonedException(claim.Claims - 1).Message)
            : handler.Judge(message, attempt);
        var now = clock.GetUtcNow();
        var (state, next) = result.Kind switch
        {
            OutboxResultKind.Delivered => (OutboxState.Done, (DateTimeOffset?)null),
            OutboxResultKind.Stop => (OutboxState.GivenUp, null),
            _ => handler.Settings.Schedule.Next(now, claim.Claims, claim.GiveUpAt, result.NotBefore) is { } at
                ? (OutboxState.Retry, at)
                : (OutboxState.GivenUp, null),
        };
        // Recorded even when the host is stopping: a message that left must not go twice.
        var record = result.Kind == OutboxResultKind.Delivered ? CancellationToken.None : ct;
        await using var db = await handler.OpenAsync(message, record);
        await using var transaction = await db.Database.BeginTransactionAsync(record);
        var outcome = new OutboxOutcome(result, state, next, attemptedAt, now, HeldClaim: true);
        var held = await OutboxStore.RecordAsync(db, handler.Table, claim, outcome, record);
        if (!held) outcome = outcome with { HeldClaim = false };
        await handler.RecordAsync(db, message, attempt, outcome, record);
        await db.SaveChangesAsync(record);
        await transaction.CommitAsync(record);
        if (!held) LogLostClaim(logger, handler.Table.Name, claim.Id);
        else if (state == OutboxState.GivenUp) LogGaveUp(logger, handler.Table.Name, claim.Id, claim.Claims, result.Error ?? "");
        else if (state == OutboxState.Retry) LogRetry(logger, handler.Table.Name, claim.Id, claim.Claims, next!.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the {Outbox} outbox failed; retrying at the next poll")]
    private static partial void LogPassFailed(ILogger logger, string outbox, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording an attempt of {Outbox} message {MessageId} failed; its lease returns it")]
    private static partial void LogRecordFailed(ILogger logger, string outbox, Guid messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparing or sending {Outbox} message {MessageId} threw {Error}; recorded as a failed attempt")]
    private static partial void LogSendThrew(ILogger logger, string outbox, Guid messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Outbox} message {MessageId} attempt {Attempt} failed; next attempt at {NextAttemptAt}")]
    private static partial void LogRetry(ILogger logger, string outbox, Guid messageId, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Outbox} message {MessageId} given up after {Attempt} claims ({Error})")]
    private static partial void LogGaveUp(ILogger logger, string outbox, Guid messageId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Outbox} message {MessageId}: the lease ended before the outcome; the attempt is kept, the state is the new claimer's")]
    private static partial void LogLostClaim(ILogger logger, string outbox, Guid messageId);
}
