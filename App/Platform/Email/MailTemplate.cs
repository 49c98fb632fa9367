namespace Boltly.Platform.Email;

/// <summary>The mails the portal sends (docs/email.md); each has a text and an HTML template.</summary>
public enum MailTemplate
{
    /// <summary>A sign-in from a device not seen for that user in 90 days: time, address, device, Sessions link.</summary>
    NewDeviceSignIn,

    /// <summary>A webhook subscription disabled after 3 days of failed deliveries: to the account's owners.</summary>
    WebhookDisabled,

    /// <summary>An invitation to join an account with a role: the inviter, the account, the role and the one-time accept link.</summary>
    MemberInvitation,

    /// <summary>Sign-up: the link that confirms the address (24 hours, single use).</summary>
    EmailConfirmation,

    /// <summary>A sign-up with an address that already has an account: someone tried; nothing changed.</summary>
    SignUpAttempt,

    /// <summary>"Forgot password?": the link that sets a new password (1 hour, single use).</summary>
    PasswordReset,

    /// <summary>The first request of a day with a retired API key (revoked, or its roll's grace over): to its creator
    /// and the account's owners, naming the address it came from.</summary>
    RetiredKeyUsed,

    /// <summary>One person's daily digest of key notices: keys expiring, expired, about to be or revoked as idle.</summary>
    KeyNotices,

    /// <summary>A key reported as found in public and revoked: to the account's owners.</summary>
    KeyLeaked,
}
