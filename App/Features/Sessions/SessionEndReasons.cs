namespace Boltly.Features.Sessions;

/// <summary>Why a session ended, as stored in <c>end_reason</c> (docs/sessions.md, "How a session ends").</summary>
public static class SessionEndReasons
{
    public const string SignOut = "sign_out";
    public const string Revoked = "revoked";
    public const string RefreshTokenReuse = "refresh_token_reuse";
    public const string PasswordChange = "password_change";
    public const string PasswordReset = "password_reset";
    public const string TwoFactorChange = "two_factor_change";
    public const string CredentialsChange = "credentials_change";
    public const string MemberRemoved = "member_removed";
}
