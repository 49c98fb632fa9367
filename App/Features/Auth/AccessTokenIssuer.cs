using System.Security.Claims;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>Issues HS256 access tokens: 15 minutes, with the claims of docs/auth.md ("Access tokens").</summary>
public sealed class AccessTokenIssuer(IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>An access token of the session <paramref name="sessionId"/> (its <c>sid</c> claim).</summary>
    public string Issue(AppUser user, Guid sessionId)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(o.AccessTokenMinutes),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity(
            [
                new Claim(BoltlyClaims.Subject, user.Id.ToString()),
                new Claim(BoltlyClaims.Email, user.Email ?? ""),
                new Claim(BoltlyClaims.AccountId, user.AccountId.ToString()),
                new Claim(BoltlyClaims.TokenId, Guid.NewGuid().ToString("N")),
                new Claim(BoltlyClaims.SessionId, sessionId.ToString()),
                new Claim(BoltlyClaims.StampDigest, UserStampCache.Digest(user.SecurityStamp)),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(o.KeyBytes), SecurityAlgorithms.HmacSha256),
        };
        return _handler.CreateToken(descriptor);
    }

    public int LifetimeSeconds => options.Value.AccessTokenMinutes * 60;
}
