namespace Boltly.Features.Inbox;

public static class ConversationStatus
{
    public const string Open = "open";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [Open, Closed];
}
