using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Boltly.Platform.Auth;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Authenticates <c>X-API-Key: sk_live_…</c> or <c>Authorization: Bearer sk_live_…</c>. A string of
/// the wrong shape or checksum is refused before any cache or database is asked; a well-formed key is
/// looked up through the two-tier cache; expiry is checked against the clock on every request.
/// Unknown, revoked and expired keys get the same refusal and are all counted per client address (never
/// against a real key); an address already over that limit is refused before any cache or database is asked.
/// A rolled key is judged by its grace end on every request, as its expiry; a retired key (revoked, or its grace over)
/// is reported to <see cref="RetiredKeyAlarm"/>; a known key used from outside its allowlist is refused with 403
/// IP_NOT_ALLOWED (<see cref="IpNotAllowedRefusal"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeyValidator validator, ApiKeyUsageTracker usage, RateLimitPolicies limits, TimeProvider clock,
    RetiredKeyAlarm retiredKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ExpiresAtHeader = "X-API-Key-Expires-At";
    /// <summary>The one message for every refused key, whatever the reason (unknown, revoked, expired, malformed).</summary>
    public const string RefusedMessage = "The API key is invalid, expired or revoked.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[PresentedCredentials.ApiKeyHeader].Count > 1)
            return Fail("Send one API key per request.");
        // Two different credentials never reach this handler: CredentialSelector, the only way in, sends them to the conflict scheme.

        // An address that sent too many invalid keys this window is answered without Redis or PostgreSQL being
        // asked: only a key this instance holds in memory (one in use) still works from it (docs/security.md).
        var refused = limits.InvalidKeyRefusal(Context.Connection.RemoteIpAddress);

        var headerKey = PresentedCredentials.ApiKeyHeaderValue(Request);
        var presented = headerKey.Length > 0 ? headerKey : PresentedCredentials.Bearer(Request) ?? "";
        if (refused is not null)
        {
            var known = ApiKeyFormat.IsWellFormed(presented) ? await validator.FindInMemoryAsync(ApiKeyFormat.Hash(presented), Context.RequestAborted) : null;
            if (known is null || known.IsExpiredAt(clock.GetUtcNow()) || known.IsGraceOverAt(clock.GetUtcNow()))
            {
                if (known is not null) Context.Features.Set(new RefusedApiKeyFeature(known.Id, known.AccountId, Expired: known.IsExpiredAt(clock.GetUtcNow())));
                Context.Features.Set(new InvalidKeyThrottled(refused));
                return Fail(RefusedMessage);
            }
            if (!ApiKeyAllowlist.Admits(known.AllowedNetworks, Context.Connection.RemoteIpAddress)) return RefuseAddress(known);
            return Authenticated(known);
        }
        if (!ApiKeyFormat.IsWellFormed(presented))
            return await RefuseInvalidAsync();

        var record = await validator.FindAsync(ApiKeyFormat.Hash(presented), Context.RequestAborted);
        // Revoked and expired answer like unknown: the refusal does not tell a guesser which keys once existed.
        // Usage still counts them to their key (docs/usage.md).
        if (!record.Found)
        {
            if (record.IsRevokedKey) RefuseRetired(record);
            return await RefuseInvalidAsync();
        }
        var now = clock.GetUtcNow();
        if (record.IsExpiredAt(now))
        {
            Context.Features.Set(new RefusedApiKeyFeature(record.Id, record.AccountId, Expired: true));
            return await RefuseInvalidAsync();
        }
        if (record.IsGraceOverAt(now))
        {
            RefuseRetired(record);
            return await RefuseInvalidAsync();
        }
        if (!ApiKeyAllowlist.Admits(record.AllowedNetworks, Context.Connection.RemoteIpAddress)) return RefuseAddress(record);
        return Authenticated(record);
    }

    private AuthenticateResult Authenticated(ApiKeyRecord record)
    {
        Context.Features.Set(new ApiKeyFeature(record));
        if (record.ExpiresAt is { } expires)
            Response.Headers[ExpiresAtHeader] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        ApiKeyLifecycleHeaders.Write(Response, record);
        usage.Touch(record.Id, Context.Connection.RemoteIpAddress);

        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(record), Scheme.Name));
    }

    /// <summary>The key's principal, built once per cached record and shared by the requests that use it (as the JWT
    /// path shares one per token, ADR 0022). It goes with its record: a revoked, changed or reloaded key is a new record,
    /// so a new principal; expiry is judged per request before this is reached (ADR 0033).</summary>
    private static CallerPrincipal PrincipalFor(ApiKeyRecord record) => Principals.GetValue(record, static r => BuildPrincipal(r));

    private static CallerPrincipal BuildPrincipal(ApiKeyRecord record)
    {
        var caller = new Caller(record.AccountId, null, CredentialKind.ApiKey, record.Scopes.ToHashSet(StringComparer.Ordinal), record.Id);
        var identity = new ClaimsIdentity(AuthSchemes.ApiKey);
        Add(identity, BoltlyClaims.AccountId, record.AccountId.ToString());
        Add(identity, BoltlyClaims.ApiKeyId, record.Id.ToString());
        Add(identity, BoltlyClaims.CredentialKind, "api_key");
        Add(identity, ClaimTypes.Name, record.Prefix);
        foreach (var scope in record.Scopes) Add(identity, BoltlyClaims.Scope, scope);
        return new CallerPrincipal(identity, caller);
    }

    private static void Add(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));

    // Keyed by the cached record instance: an entry goes when its record is collected. This handler serves
    // AuthSchemes.ApiKey only, so the identity's authentication type is that name.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiKeyRecord, CallerPrincipal> Principals = new();

    /// <summary>A retired key (revoked, or its grace over): counted to its key as revoked, and reported, at most once a
    /// day per key and instance before anything leaves memory (<see cref="RetiredKeyAlarm"/>).</summary>
    private void RefuseRetired(ApiKeyRecord record)
    {
        Context.Features.Set(new RefusedApiKeyFeature(record.Id, record.AccountId, Expired: false));
        retiredKeys.Tried(record.Id, record.AccountId, Context);
    }

    /// <summary>A known key from an address outside its allowlist: 403 IP_NOT_ALLOWED naming the address, counted to
    /// the key as <c>ip_not_allowed</c>, never charged to its rate-limit budget.</summary>
    private AuthenticateResult RefuseAddress(ApiKeyRecord record)
    {
        var refusal = new IpNotAllowedRefusal(Context.Connection.RemoteIpAddress);
        Context.Features.Set(new RefusedApiKeyFeature(record.Id, record.AccountId, Expired: false, IpNotAllowed: true));
        Context.Items[ApiErrorItems.AuthRefusal] = refusal;
        return Fail(refusal.Message);
    }

    private async Task<AuthenticateResult> RefuseInvalidAsync()
    {
        var decision = await limits.HitInvalidKeyAsync(Context.Connection.RemoteIpAddress);
        if (!decision.Allowed) Context.Features.Set(new InvalidKeyThrottled(decision));
        return Fail(RefusedMessage);
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[ApiErrorItems.AuthFailureMessage] = message;
        return AuthenticateResult.Fail(message);
    }
}

