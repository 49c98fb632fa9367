namespace Boltly.Platform.OpenApi;

/// <summary>
/// The groups of the OpenAPI document (<c>[Tags(ApiTags.Contacts)]</c> on a controller) and what each
/// holds. A tag used on an operation without a description here fails the lint test (docs/openapi.md).
/// </summary>
public static class ApiTags
{
    public const string SignIn = "Sign-in";
    public const string AccountSecurity = "Account security";
    public const string Sessions = "Sessions";
    public const string ApiKeys = "API keys";
    public const string DeveloperAccess = "Developer access";
    public const string Usage = "Usage";
    public const string Webhooks = "Webhooks";
    public const string Contacts = "Contacts";
    public const string Inbox = "Inbox";
    public const string Templates = "Templates";
    public const string Broadcasts = "Broadcasts";
    public const string Members = "Members";
    public const string AuditLog = "Audit log";

    /// <summary>In the order the reference shows them.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (SignIn, "Token pairs for apps: sign in with email and password (then a TOTP or recovery code when two-factor " +
            "authentication is on), rotate the refresh token, sign out. No credential needed; attempts are limited per client address."),
        (AccountSecurity, "The signed-in person's own two-factor authentication and password. Session only: an API key gets 403 SESSION_REQUIRED."),
        (Sessions, "The signed-in person's sessions (list, end one, end all others) and re-authentication for sensitive actions. " +
            "Session only: an API key gets 403 SESSION_REQUIRED."),
        (ApiKeys, "Create, list and revoke the account's API keys (up to the account's limit of active keys), and the account's key " +
            "policy (maximum lifetime, idle revocation). Session only, so no key can mint a stronger key."),
        (DeveloperAccess, "Who a credential is (whoami), the scope catalog an API key can be given, and reporting a leaked key " +
            "(GitHub secret scanning's signed partner endpoint, and an open report for anyone; no credential)."),
        (Usage, "What the account's API keys did: requests per minute, hour or day by outcome, and each key's request log. Session only."),
        (Webhooks, "Subscriptions that receive the account's events, signed with a per-subscription secret in both the Standard " +
            "Webhooks headers and `Boltly-Signature`; secret rotation, redelivery and the event catalog. The `webhooks` section " +
            "describes every event's payload."),
        (Contacts, "The account's contacts: phone number, name, email, tags and attributes."),
        (Inbox, "Conversations with contacts and their messages. Outbound messages are recorded with status `queued`."),
        (Templates, "Message templates: drafts, submission for review, deletion."),
        (Broadcasts, "Messages to every contact with the audience's tags, from a template, now or at a scheduled time."),
        (Members, "The account's members and their roles (owner, admin, developer, viewer), invitations, and accepting one. " +
            "Session only; changes need the role owner or admin (403 INSUFFICIENT_ROLE) and a recent re-authentication."),
        (AuditLog, "Who did what in the account: security events and changes to keys, webhooks and members, newest first. Session only."),
    ];
}
