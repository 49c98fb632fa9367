using System.Reflection;
using Boltly.Platform.Caching;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Boltly.Features.DeveloperAccess;

/// <summary>
/// Public facts about this deployment (version, where the API and its reference live, the documented
/// limits), without credentials, outside <c>/v1</c>. (The benchmark's baseline is <see cref="WhoAmITwinController"/>.)
/// </summary>
[ApiController]
[Route("health/info")]
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
[Produces("application/json")]
public sealed class ServiceInfoController(IOptions<RateLimitOptions> limits, IOptions<CacheOptions> cache, TimeProvider clock) : ControllerBase
{
    private static readonly string Version =
        typeof(ServiceInfoController).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [HttpGet]
    public ServiceInfoResponse Get()
    {
        var l = limits.Value;
        return new ServiceInfoResponse("boltly-portal", Version, "/v1", "/docs", "/openapi/v1.json",
            new ServiceRateLimits(l.ApiKeyPerWindow, l.SessionPerWindow, l.WindowSeconds),
            cache.Value.EntrySeconds, clock.GetUtcNow());
    }
}
