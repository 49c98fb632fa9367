namespace Boltly.Platform.Auth;

public static class AuthSchemes
{
    /// <summary>The default scheme: picks the API key, JWT or cookie handler from the request.</summary>
    public const string Selector = "Boltly";
    public const string ApiKey = "ApiKey";
    public const string Jwt = "Bearer";
    /// <summary>A /v1 request with two credentials: always refused (<see cref="CredentialConflictHandler"/>).</summary>
    public const string Conflict = "CredentialConflict";
    /// <summary>The dashboard cookie's name (<c>__Host-</c> prefixed over HTTPS).</summary>
    public const string SessionCookieName = "boltly.session";
}
