using Boltly.Platform.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>An access token whose signature, issuer, audience and type were validated once, with the principal
/// built from it (shared by every request that presents it, so never changed after it is cached).</summary>
/// <param name="Token">The whole compact token, compared in full on every hit.</param>
/// <param name="SigningKey">The key it was validated with: a hit under another key is a miss (rotation).</param>
public sealed record CachedAccessToken(string Token, CallerPrincipal Principal, Guid UserId, DateTime NotBefore, DateTime Expires, SecurityKey SigningKey);
