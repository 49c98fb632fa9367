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
        var refused = limits.InvalidKeyRefusal(Context.Connection.RemoteIpAddress?.ToString());

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
        usage.Touch(record.Id, Context.Connection.RemoteIpAddress?.ToString());

        return AuthenticateResult.Success(new AuthenticationTicket(PrincipalFor(record, Scheme.Name), Scheme.Name));
    }

    /// <summary>The key's principal. What does not change between requests (its caller, the claim values)
    /// is worked out once per cached record; claims are made with their identity as subject, so the
    /// identity does not copy each of them.</summary>
    private static CallerPrincipal PrincipalFor(ApiKeyRecord record, string scheme)
    {
        var known = KnownKeys.GetValue(record, static r => new KnownKey(
            new Caller(r.AccountId, null, CredentialKind.ApiKey, r.Scopes.ToHashSet(StringComparer.Ordinal), r.Id),
            r.AccountId.ToString(), r.Id.ToString()));
        var identity = new ClaimsIdentity(scheme);
        Add(identity, BoltlyClaims.AccountId, known.AccountId);
        Add(identity, BoltlyClaims.ApiKeyId, known.KeyId);
        Add(identity, BoltlyClaims.CredentialKind, "api_key");
        Add(identity, ClaimTypes.Name, record.Prefix);
        foreach (var scope in record.Scopes) Add(identity, BoltlyClaims.Scope, scope);
        return new CallerPrincipal(identity, known.Caller);
    }

    private static void Add(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));

    // Keyed by the cached record instance: a revoked or reloaded key is a new record, and an entry goes
    // when its record is collected.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiKeyRecord, KnownKey> KnownKeys = new();

    private sealed record KnownKey(Caller Caller, string AccountId, string KeyId);

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
        var decision = await limits.HitInvalidKeyAsync(Context.Connection.RemoteIpAddress?.ToString());
        if (!decision.Allowed) Context.Features.Set(new InvalidKeyThrottled(decision));
        return Fail(RefusedMessage);
    }

    private AuthenticateResult Fail(string message)
    {
        Context.Items[ApiErrorItems.AuthFailureMessage] = message;
        return AuthenticateResult.Fail(message);
    }
}

