namespace Boltly.Platform.Outbox;

public enum OutboxResultKind
{
    Delivered,
    Failed,
    Stop,
}
