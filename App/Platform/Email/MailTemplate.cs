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
}
