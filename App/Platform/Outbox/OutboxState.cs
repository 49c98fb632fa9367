namespace Boltly.Platform.Outbox;

public enum OutboxState
{
    Done,
    Retry,
    GivenUp,
}
