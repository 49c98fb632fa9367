namespace Boltly.Features.Inbox;

public static class MessageDirection
{
    public const string Outbound = "outbound";
    public const string Inbound = "inbound";
    public static readonly IReadOnlyList<string> All = [Outbound, Inbound];
}
