namespace Boltly.Platform.RateLimiting;

/// <summary>The names of the rate-limit policies, as <c>RateLimit-Policy</c> and <c>RateLimit</c> show them.</summary>
public static class RateLimitPolicy
{
    public const string ApiKey = "per-key";
    public const string Session = "per-user";
    public const string InvalidKey = "per-address";
    public const string SignIn = "sign-in";
    public const string SignInAccount = "sign-in-account";
    public const string Token = "token";
    public const string Health = "health";
    public const string AccountMail = "account-mail";
    public const string AccountMailRecipient = "account-mail-recipient";
    public const string LeakReport = "leak-report";
    public const string Invitation = "invitation";
}
