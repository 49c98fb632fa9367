using Boltly.Features.ApiKeys;
using Boltly.Features.Sessions;
using Boltly.Platform.Auth;
using Boltly.Platform.OpenApi;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.DeveloperAccess;

/// <summary>Who the credential belongs to, what it may do, when it expires and its rate-limit state.
/// Any valid credential may ask; no scope is needed.</summary>
[ApiController]
[Tags(ApiTags.DeveloperAccess)]
[Route("v1/developer-access/whoami")]
[Produces("application/json")]
public sealed class WhoAmIController(ReauthenticationWindow reauthentication, RoleGate roles) : ControllerBase
{
    [EndpointName("whoAmI")]
    [EndpointSummary("Describe the calling credential")]
    [HttpGet]
    [ProducesResponseType<WhoAmIResponse>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WhoAmIResponse>> Get(CancellationToken ct)
    {
        var caller = HttpContext.GetCaller()!;
        // A session acts with the scopes its member's role allows (a viewer's are the *:read ones); a key with its own.
        var scopes = caller.IsSession
            ? RolePermissions.ScopesOf(await roles.RoleOfAsync(caller, ct))
            : caller.Scopes.Order(StringComparer.Ordinal).ToList();
        var key = HttpContext.Features.Get<ApiKeyFeature>()?.Key;
        var limit = HttpContext.Features.Get<RateLimitDecision>();
        return new WhoAmIResponse(
            caller.AccountId,
            caller.UserId,
            User.FindFirst(BoltlyClaims.Email)?.Value ?? User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value,
            caller.Kind switch { CredentialKind.ApiKey => "api_key", CredentialKind.Jwt => "jwt", _ => "cookie" },
            scopes,
            key is null ? null : new WhoAmIKey(key.Id, key.Name, key.Prefix, key.ExpiresAt),
            limit is null ? null : new WhoAmIRateLimit(limit.Limit, limit.Remaining, limit.ResetSeconds, limit.Shared),
            caller.IsSession ? await reauthentication.OpenUntilAsync(caller, ct) : null);
    }
}
