namespace Boltly.Platform.Outbox;

/// <summary>
/// Where an attempt left its message, as recorded: <see cref="OutboxState.Done"/>, <see cref="OutboxState.Retry"/> at
/// <see cref="NextAttemptAt"/>, or <see cref="OutboxState.GivenUp"/>. <see cref="HeldClaim"/> is false when the lease
/// had ended and another claimer took the message over: the state is then theirs and was left alone.
/// </summary>
public sealed record OutboxOutcome(OutboxResult Result, OutboxState State, DateTimeOffset? NextAttemptAt, DateTimeOffset AttemptedAt,
    DateTimeOffset RecordedAt, bool HeldClaim);
