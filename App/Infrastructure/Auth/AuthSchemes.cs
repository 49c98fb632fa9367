namespace Boltly.Infrastructure.Auth;

public static class AuthSchemes
{
    /// <summary>The default scheme: picks the API key, JWT or cookie handler from the request.</summary>
    public const string Selector = "Boltly";
    public const string ApiKey = "ApiKey";
    public const string Jwt = "Bearer";
}
