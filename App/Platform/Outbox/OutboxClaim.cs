namespace Boltly.Platform.Outbox;

/// <summary>
/// A message this instance holds until its lease ends. <see cref="Abandoned"/>: an earlier claim's lease ran out
/// without an outcome (its instance died, or the message made it die).
/// </summary>
public sealed class OutboxClaim
{
    public Guid Id { get; init; }
    public int Claims { get; init; }
    public DateTimeOffset GiveUpAt { get; init; }
    public bool Abandoned { get; init; }
    public Guid Token { get; init; }
}
