namespace Boltly.Platform.Auth;

/// <summary>
/// The one catalog of scopes. The API's checks, the dashboard picker, the OpenAPI document and the
/// scopes endpoint all read it; a scope exists nowhere else.
/// </summary>
public static class ScopeCatalog
{
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string ContactsManage = "contacts:manage";
    public const string InboxRead = "inbox:read";
    public const string InboxWrite = "inbox:write";
    public const string BroadcastsRead = "broadcasts:read";
    public const string BroadcastsCreate = "broadcasts:create";
    public const string BroadcastsSend = "broadcasts:send";
    public const string TemplatesRead = "templates:read";
    public const string TemplatesCreate = "templates:create";
    public const string TemplatesManage = "templates:manage";
    public const string TokensRead = "tokens:read";
    public const string TokensCreate = "tokens:create";

    public static readonly IReadOnlyList<ScopeDefinition> All =
    [
        new(ContactsRead, "Contacts", "List and retrieve contacts", true),
        new(ContactsWrite, "Contacts", "Create and update contacts", false),
        new(ContactsManage, "Contacts", "Delete contacts and manage tags", false),
        new(InboxRead, "Inbox", "Read conversations and messages", true),
        new(InboxWrite, "Inbox", "Send messages and update conversations", false),
        new(BroadcastsRead, "Broadcasts", "List broadcasts and view metrics", true),
        new(BroadcastsCreate, "Broadcasts", "Create and schedule broadcasts", false),
        new(BroadcastsSend, "Broadcasts", "Execute and retry broadcasts", false),
        new(TemplatesRead, "Templates", "List and retrieve templates", true),
        new(TemplatesCreate, "Templates", "Create and submit templates", false),
        new(TemplatesManage, "Templates", "Delete templates", false),
        new(TokensRead, "Tokens", "List scopes and webhook subscriptions", true),
        new(TokensCreate, "Tokens", "Create and delete webhook subscriptions", false),
    ];

    public static readonly IReadOnlySet<string> Names = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlyList<string> Groups = All.Select(s => s.Group).Distinct().ToList();

    public static bool IsKnown(string scope) => Names.Contains(scope);
}
