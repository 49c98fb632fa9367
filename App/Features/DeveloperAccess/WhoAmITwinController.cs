using Boltly.Features.ApiKeys;
using Boltly.Platform.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.DeveloperAccess;

/// <summary>
/// The benchmark's twin baseline (docs/performance.md): whoami's body shape, serializer and MVC pipeline
/// under <c>/v1</c>, without a credential, so without authentication, rate limiting or limit headers.
/// Mapped only in the Bench environment (<see cref="BenchOnlyControllers"/>).
/// </summary>
[ApiController]
[BenchOnly]
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("v1/bench/whoami-twin")]
[Produces("application/json")]
public sealed class WhoAmITwinController : ControllerBase
{
    // What whoami answers for a key with one scope; built per request like whoami's own answer.
    private static readonly Guid AccountId = Guid.CreateVersion7();
    private static readonly Guid KeyId = Guid.CreateVersion7();
    private static readonly string[] Scopes = ["contacts:read"];

    [HttpGet]
    public ActionResult<WhoAmIResponse> Get() =>
        new WhoAmIResponse(
            AccountId,
            null,
            null,
            "api_key",
            Scopes.Order(StringComparer.Ordinal).ToList(),
            new WhoAmIKey(KeyId, "bench: whoami", ApiKeyFormat.Prefix + "0123abcd", null),
            new WhoAmIRateLimit(int.MaxValue, int.MaxValue - 1, 60, true),
            null);
}
