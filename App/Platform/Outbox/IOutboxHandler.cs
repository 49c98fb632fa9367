using Boltly.Platform.Data;

namespace Boltly.Platform.Outbox;

/// <summary>
/// The part of an outbox its owner writes (mail, webhook deliveries): what a claimed message is, how it is sent, what
/// an attempt says and what else is kept with it. Claiming, leases, the schedule, give-up and poison messages are
/// <see cref="OutboxWorker{TMessage, TAttempt}"/>'s, the same for every outbox (docs/decisions/0025-one-outbox.md).
/// </summary>
/// <typeparam name="TMessage">A claimed message with what sending it needs.</typeparam>
/// <typeparam name="TAttempt">What one attempt came to, as the owner records it.</typeparam>
public interface IOutboxHandler<TMessage, TAttempt>
{
    OutboxTable Table { get; }

    OutboxSettings Settings { get; }

    Guid IdOf(TMessage message);

    /// <summary>Reads the claimed messages (rows of <see cref="OutboxTable.Name"/> holding <paramref name="token"/>).</summary>
    Task<IReadOnlyList<TMessage>> LoadAsync(AppDbContext db, IReadOnlyList<Guid> ids, Guid token, CancellationToken ct);

    /// <summary>Prepares and sends one message. Throwing is a failed attempt like any other (<see cref="Failure"/>).</summary>
    Task<TAttempt> SendAsync(TMessage message, CancellationToken ct);

    /// <summary>The attempt an exception makes: the preparation or the send threw, or the message was abandoned.</summary>
    TAttempt Failure(TMessage message, Exception error);

    /// <summary>Delivered, failed (optionally not before a time), or stop now.</summary>
    OutboxResult Judge(TMessage message, TAttempt attempt);

    /// <summary>The context the outcome is recorded in, in one transaction with <see cref="RecordAsync"/>.</summary>
    Task<AppDbContext> OpenAsync(TMessage message, CancellationToken ct);

    /// <summary>What the owner keeps beside the state (an attempt row, a disabled subscription), in the same transaction.</summary>
    Task RecordAsync(AppDbContext db, TMessage message, TAttempt attempt, OutboxOutcome outcome, CancellationToken ct);

    /// <summary>Work before a claim (a fan-out); true when it did some, so the loop goes on at once.</summary>
    Task<bool> BeforeClaimAsync(CancellationToken ct);

    /// <summary>Returns after <paramref name="idle"/> or sooner when woken.</summary>
    Task WaitAsync(TimeSpan idle, CancellationToken ct);

    /// <summary>Nothing is being sent: release what a run of sends shares (a connection).</summary>
    ValueTask IdleAsync();
}
