using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Boltly.Infrastructure.Auth;

/// <summary>Chooses the handler for a request's credential: an API key, a JWT, or the dashboard cookie.</summary>
public static class CredentialSelector
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string ApiKeyPrefix = "sk_live_";

    public static string Select(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.ContainsKey(ApiKeyHeader)) return AuthSchemes.ApiKey;
        var authorization = headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization.AsSpan(7).TrimStart().StartsWith(ApiKeyPrefix, StringComparison.Ordinal) ? AuthSchemes.ApiKey : AuthSchemes.Jwt;
        return IdentityConstants.ApplicationScheme;
    }
}
