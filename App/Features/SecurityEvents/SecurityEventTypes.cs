namespace Boltly.Features.SecurityEvents;

/// <summary>The event types recorded in <c>security_events.type</c>: the audit log's actions.</summary>
public static class SecurityEventTypes
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string Lockout = "lockout";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string SignOut = "sign_out";
    public const string ApiKeyCreated = "api_key_created";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ApiKeyRolled = "api_key_rolled";
    public const string ApiKeyGraceEnded = "api_key_grace_ended";
    public const string ApiKeyUpdated = "api_key_updated";
    public const string RetiredKeyUsed = "retired_key_used";
    public const string PasswordChanged = "password_changed";
    /// <summary>A first password set by a user who had none (a member who joined with a passkey).</summary>
    public const string PasswordSet = "password_set";
    public const string TwoFactorEnabled = "two_factor_enabled";
    public const string TwoFactorDisabled = "two_factor_disabled";
    public const string RecoveryCodesReset = "recovery_codes_reset";
    public const string RecoveryCodeUsed = "recovery_code_used";
    public const string PasskeyAdded = "passkey_added";
    public const string PasskeyRenamed = "passkey_renamed";
    public const string PasskeyRemoved = "passkey_removed";
    public const string PasskeyReauthentication = "passkey_reauthentication";
    public const string NewDeviceSignIn = "new_device_sign_in";
    public const string SessionRevoked = "session_revoked";
    public const string Reauthenticated = "reauthenticated";
    public const string WebhookSecretRotated = "webhook_secret_rotated";
    public const string SignedUp = "signed_up";
    public const string SignUpWithExistingEmail = "sign_up_existing_email";
    public const string EmailConfirmed = "email_confirmed";
    public const string PasswordResetRequested = "password_reset_requested";
    public const string PasswordReset = "password_reset";
    public const string WebhookCreated = "webhook_created";
    public const string WebhookDeleted = "webhook_deleted";
    public const string MemberInvited = "member_invited";
    public const string InvitationResent = "invitation_resent";
    public const string InvitationWithdrawn = "invitation_withdrawn";
    public const string MemberJoined = "member_joined";
    public const string MemberRoleChanged = "member_role_changed";
    public const string MemberRemoved = "member_removed";
    public const string KeyPolicyChanged = "key_policy_changed";
    public const string ApiKeyLeaked = "api_key_leaked";
    public const string ApiKeyIdleRevoked = "api_key_idle_revoked";

    /// <summary>Every action, for the audit log's <c>action</c> filter.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, Lockout, RefreshTokenReuse, SignOut, ApiKeyCreated, ApiKeyRevoked, PasswordChanged, TwoFactorEnabled,
        TwoFactorDisabled, RecoveryCodesReset, RecoveryCodeUsed, PasskeyAdded, PasskeyRenamed, PasskeyRemoved, PasskeyReauthentication,
        NewDeviceSignIn, SessionRevoked, Reauthenticated, WebhookCreated, WebhookDeleted, MemberInvited, InvitationResent,
        InvitationWithdrawn, MemberJoined, MemberRoleChanged, MemberRemoved, WebhookSecretRotated, SignedUp, SignUpWithExistingEmail,
        EmailConfirmed, PasswordResetRequested, PasswordReset, ApiKeyRolled, ApiKeyGraceEnded, ApiKeyUpdated, RetiredKeyUsed,
        KeyPolicyChanged, ApiKeyLeaked, ApiKeyIdleRevoked, PasswordSet,
    ];
}
