namespace Boltly.Platform.Auth;

/// <summary>What a member's role may do beyond reading (the permission table, docs/authorization.md). Reading keys, usage,
/// request logs, security events, webhooks, deliveries, members and the audit log needs no permission: every role may.</summary>
public enum Permission
{
    /// <summary>Invite, change roles, remove members (an admin not over owners).</summary>
    ManageMembers,

    /// <summary>The account's key policy.</summary>
    ManageKeyPolicy,

    /// <summary>Create, roll, revoke and edit API keys: any key for owners and admins, their own for developers.</summary>
    ManageKeys,

    /// <summary>Create, change and delete webhook subscriptions, retry and test deliveries.</summary>
    ManageWebhooks,
}
