using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Boltly.Domain.ApiKeys;
using Boltly.Domain.Auth;
using Boltly.Infrastructure.Errors;
using Boltly.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Boltly.Infrastructure.Auth;

/// <summary>
/// Authenticates <c>X-API-Key: sk_live_…</c> or <c>Authorization: Bearer sk_live_…</c>. A string of
/// the wrong shape or checksum is refused before any cache or database is asked; a well-formed key is
/// looked up through the two-tier cache; expiry is checked against the clock on every request.
/// Failed attempts are counted per client address (never against a real key) and throttled.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeyValidator validator, ApiKeyUsageTracker usage, WindowRateLimiter limiter,
    IOptions<RateLimitOptions> limits, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ExpiresAtHeader = "X-API-Key-Expires-At";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var headers = Request.Headers;
        var headerKey = headers[CredentialSelector.ApiKeyHeader].ToString().Trim();
        var authorization = headers[HeaderNames.Authorization].ToString();
        string? bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (headers[CredentialSelector.ApiKeyHeader].Count > 1)
            return Fail("Send one API key per request.");
        // Two different credentials never reach this handler (CredentialSelector); this guards direct use of the scheme.
        if (CredentialSelector.Conflict(Context) is { } conflict)
            return Fail(conflict);

        var presented = headerKey.Length > 0 ? headerKey : bearer ?? "";
        if (!ApiKeyFormat.IsWellFormed(presented))
            return await RefuseInvalidAsync();

        var record = await validator.FindAsync(ApiKeyFormat.Hash(presented), Context.RequestAborted);
        if (!record.Found) return await RefuseInvalidAsync();
        if (record.IsExpiredAt(clock.GetUtcNow())) return Fail("This API key has expired.");

        Context.Features.Set(new ApiKeyFeature(record));
        if (record.ExpiresAt is { } expires)
            Response.Headers[ExpiresAtHeader] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        usage.Touch(record.Id, Context.Connection.RemoteIpAddress?.ToString());

        var claims = new List<Claim>
        {
            new(BoltlyClaims.AccountId, record.AccountId.ToString()),
            new(BoltlyClaims.ApiKeyId, record.Id.ToString()),
            new(BoltlyClaims.CredentialKind, "api_key"),
            new(ClaimTypes.Name, record.Prefix),
        };
        claims.AddRange(record.Scopes.Select(s => new Claim(BoltlyClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private async Task<AuthenticateResult> RefuseInvalidAsync()
    {
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var o = limits.Value;
        var decision = await limiter.HitAsync("badkey:" + address, o.InvalidKeyPerWindow, o.WindowSeconds);
        if (!decision.Allowed) Context.Features.Set(new InvalidKeyThrottled(decision));
        return Fail("The API key is invalid, expired or revoked.");
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[ApiErrorItems.AuthFailureMessage] = message;
        return AuthenticateResult.Fail(message);
    }
}

/// <summary>Set when a client address sent too many invalid keys: the refusal becomes a 429.</summary>
public sealed record InvalidKeyThrottled(RateLimitDecision Decision);
