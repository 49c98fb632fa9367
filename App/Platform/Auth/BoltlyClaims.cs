namespace Boltly.Platform.Auth;

/// <summary>Claim types the portal issues (JWT and cookie alike).</summary>
public static class BoltlyClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string AccountId = "account_id";
    public const string AccountName = "account_name";
    public const string TokenId = "jti";
    /// <summary>The server-side session (docs/sessions.md) a dashboard cookie or an access token belongs to.</summary>
    public const string SessionId = "sid";
    /// <summary>A digest of the user's security stamp when the token was issued.</summary>
    public const string StampDigest = "stamp";
    /// <summary>How the caller authenticated: <c>api_key</c>, <c>jwt</c> or <c>cookie</c>.</summary>
    public const string CredentialKind = "boltly:credential";
    public const string Scope = "scope";
    public const string ApiKeyId = "api_key_id";
}
