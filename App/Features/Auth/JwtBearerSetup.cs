using System.Security.Claims;
using Boltly.Platform.Auth;
using Boltly.Platform.Caching;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>
/// JwtBearer settings: HS256 only, with the configured key, typed <c>at+jwt</c>, issuer and audience
/// checked. Expiry is exact (a token 1 s past <c>exp</c> is refused); the few seconds of skew apply
/// only to <c>nbf</c>, for instances whose clocks differ slightly. Every <see cref="IAccessTokenCheck"/>
/// (a token issued before the user's last password or 2FA change carries an old stamp digest and is
/// refused) runs on the first request and again whenever a cache eviction happened on this instance since it last
/// passed, or half a second went by (an epoch, ADR 0033). A token validated once is served from
/// <see cref="ValidatedAccessTokenCache"/> until its <c>exp</c>, its lifetime judged on every request (ADR 0022).
/// </summary>
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwt, TimeProvider clock, ValidatedAccessTokenCache cache, CacheInvalidationBus evictions)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != AuthSchemes.Jwt) return;
        var o = jwt.Value;
        options.MapInboundClaims = false;
        options.TimeProvider = clock;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = o.Issuer,
            ValidAudience = o.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(o.KeyBytes),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = ["at+jwt"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            LifetimeValidator = (notBefore, expires, _, _) => IsWithinLifetime(notBefore, expires, o.ClockSkewSeconds),
            NameClaimType = BoltlyClaims.Email,
        };
        // New options mean a new key object: the cache's entries no longer match it and are dropped on first sight.
        cache.Clear();
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (cache.Find(PresentedCredentials.BearerSpan(context.Request), context.Options.TokenValidationParameters.IssuerSigningKey) is not { } cached)
                    return Task.CompletedTask;
                // Anything but a clean pass goes the full way (and is refused there exactly as without the cache).
                // The lifetime is judged on every request; the checks are reused while nothing was evicted since they passed.
                if (!IsWithinLifetime(cached.NotBefore, cached.Expires, o.ClockSkewSeconds))
                {
                    cache.Remove(cached);
                    return Task.CompletedTask;
                }
                var epoch = evictions.Epoch;
                if (!cached.ChecksHold(epoch, clock.GetUtcNow().UtcTicks)) return CheckedAsync(context, cached, epoch);
                context.Principal = cached.Principal;
                context.Success();
                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var principal = context.Principal!;
                if (!Guid.TryParse(principal.FindFirstValue(BoltlyClaims.Subject), out var userId))
                {
                    context.Fail("no subject");
                    return;
                }
                if (await RefusalAsync(principal, userId, context.HttpContext) is { } refusal)
                {
                    context.Fail(refusal);
                    return;
                }
                var identity = (ClaimsIdentity)principal.Identity!;
                identity.AddClaim(new Claim(BoltlyClaims.CredentialKind, "jwt"));
                // Parsed once here, not by every reader of the request's caller.
                if (Caller.From(principal) is not { } caller)
                {
                    context.Fail("no account");
                    return;
                }
                var callerPrincipal = new CallerPrincipal(identity, caller);
                context.Principal = callerPrincipal;
                if (context.SecurityToken is JsonWebToken validated && context.Options.TokenValidationParameters.IssuerSigningKey is { } key)
                    cache.Add(new CachedAccessToken(validated.EncodedToken, callerPrincipal, userId, validated.ValidFrom, validated.ValidTo, key));
            },
            // The 401 body is written by the authorization result handler, in the contract's format.
            OnChallenge = _ => Task.CompletedTask,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    /// <summary>A cached token whose checks must run again: they run, and a pass is noted at the epoch read before them
    /// (an eviction during the checks moves the epoch, so the next request checks again).</summary>
    private async Task CheckedAsync(MessageReceivedContext context, CachedAccessToken cached, long epoch)
    {
        if (await RefusalAsync(cached.Principal, cached.UserId, context.HttpContext) is not null)
        {
            cache.Remove(cached);
            return;
        }
        cached.ChecksPassed(epoch, clock.GetUtcNow().UtcTicks + TimeSpan.TicksPerMillisecond * jwt.Value.CheckedTokenReuseMilliseconds);
        context.Principal = cached.Principal;
        context.Success();
    }

    private static async ValueTask<string?> RefusalAsync(ClaimsPrincipal token, Guid userId, HttpContext context)
    {
        foreach (var check in context.RequestServices.GetServices<IAccessTokenCheck>())
            if (await check.RefusalAsync(token, userId, context) is { } refusal) return refusal;
        return null;
    }

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, int skewSeconds)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null || now >= expires.Value) return false;
        return notBefore is null || now >= notBefore.Value.AddSeconds(-skewSeconds);
    }
}
