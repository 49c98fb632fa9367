using Boltly.Platform.Auth;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.DeveloperAccess;

/// <summary>The scope catalog, for integrators building a key request. A fixed list of 13: one page.</summary>
[ApiController]
[Tags(ApiTags.DeveloperAccess)]
[Route("v1/developer-access/scopes")]
[Produces("application/json")]
public sealed class ScopesController : ControllerBase
{
    [EndpointName("listScopes")]
    [EndpointSummary("List the scopes an API key can have")]
    [HttpGet]
    [RequireScope(ScopeCatalog.TokensRead)]
    [ProducesResponseType<Page<ScopeResponse>>(StatusCodes.Status200OK)]
    public Page<ScopeResponse> List() =>
        new(ScopeCatalog.All.Select(s => new ScopeResponse(s.Name, s.Group, s.Description)).ToList(), false, null);
}
