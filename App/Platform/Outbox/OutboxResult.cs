namespace Boltly.Platform.Outbox;

/// <summary>
/// What a handler says of one attempt: <see cref="OutboxResultKind.Delivered"/>; <see cref="OutboxResultKind.Failed"/>
/// (retried on the schedule, or not before <see cref="NotBefore"/> when the receiver asked, never past the give-up);
/// <see cref="OutboxResultKind.Stop"/> (given up now: a refusal that cannot change).
/// </summary>
public sealed record OutboxResult(OutboxResultKind Kind, string? Error = null, DateTimeOffset? NotBefore = null)
{
    public static readonly OutboxResult Delivered = new(OutboxResultKind.Delivered);

    public static OutboxResult Failed(string error, DateTimeOffset? notBefore = null) => new(OutboxResultKind.Failed, error, notBefore);

    public static OutboxResult Stop(string error) => new(OutboxResultKind.Stop, error);
}
