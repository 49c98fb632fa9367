using System.Security.Claims;
using Boltly.Features.Sessions;
using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>
/// JwtBearer settings: HS256 only, with the configured key, typed <c>at+jwt</c>, issuer and audience
/// checked. Expiry is exact (a token 1 s past <c>exp</c> is refused); the few seconds of skew apply
/// only to <c>nbf</c>, for instances whose clocks differ slightly. A token issued before the user's
/// last password or 2FA change carries an old stamp digest and is refused; one whose session (<c>sid</c>)
/// ended is refused too (docs/sessions.md).
/// </summary>
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwt, TimeProvider clock) : IConfigureNamedOptions<JwtBearerOptions>
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
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var principal = context.Principal!;
                if (!Guid.TryParse(principal.FindFirstValue(BoltlyClaims.Subject), out var userId))
                {
                    context.Fail("no subject");
                    return;
                }
                var stamps = context.HttpContext.RequestServices.GetRequiredService<UserStampCache>();
                var current = await stamps.GetDigestAsync(userId, context.HttpContext.RequestAborted);
                if (current.Length == 0 || current != principal.FindFirstValue(BoltlyClaims.StampDigest))
                {
                    context.Fail("credentials changed since the token was issued");
                    return;
                }
                // The session check: a memory hit (SessionStore), refused at once when the session ended anywhere.
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                if (!Guid.TryParse(principal.FindFirstValue(BoltlyClaims.SessionId), out var sessionId)
                    || await sessions.GetLiveAsync(sessionId, userId, context.HttpContext.RequestAborted) is null)
                {
                    context.Fail("the session has ended");
                    return;
                }
                sessions.Touch(sessionId);
                var identity = (ClaimsIdentity)principal.Identity!;
                identity.AddClaim(new Claim(BoltlyClaims.CredentialKind, "jwt"));
                // Parsed once here, not by every reader of the request's caller.
                if (Caller.From(principal) is { } caller) context.Principal = new CallerPrincipal(identity, caller);
                else context.Fail("no account");
            },
            // The 401 body is written by the authorization result handler, in the contract's format.
            OnChallenge = _ => Task.CompletedTask,
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, int skewSeconds)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null || now >= expires.Value) return false;
        return notBefore is null || now >= notBefore.Value.AddSeconds(-skewSeconds);
    }
}
