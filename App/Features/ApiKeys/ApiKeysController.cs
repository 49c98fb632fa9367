using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.ApiKeys;

/// <summary>Key management: session-only, so no API key can list, mint or revoke keys.</summary>
[ApiController]
[Tags(ApiTags.ApiKeys)]
[Route("v1/developer-access/api-keys")]
[Route("v1/api-keys")]
[SessionOnly]
[RequiresConfirmedEmail]
[Produces("application/json")]
public sealed class ApiKeysController(ApiKeyService keys, TimeProvider clock) : ControllerBase
{
    private const string NoIdempotencyKey = "API key creation does not accept Idempotency-Key: the response holds the secret key, " +
        "which is never stored, so it cannot be replayed. Before retrying a create that may have succeeded, list the keys and " +
        "revoke any duplicate.";

    [OperationId("listApiKeys")]
    [EndpointSummary("List API keys")]
    [EndpointDescription("List the account's API keys, newest first, without secrets. `status` (active, expired or revoked) " +
        "narrows the list. Each key names its `creator` (id, email, and `former_member` when they have left the account). " +
        "Session only.")]
    [HttpGet]
    [ProducesResponseType<Page<ApiKeyResponse>>(StatusCodes.Status200OK)]
    public async Task<Page<ApiKeyResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, [FromQuery] string? status, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var caller = Caller.From(User)!;
        var page = await keys.ListAsync(caller, new PageRequest(limit, cursor), status, ct);
        var creators = await keys.CreatorsAsync(caller, ct);
        return page.Map(k => ApiKeyResponse.From(k, now) with { Creator = creators.GetValueOrDefault(k.CreatedByUserId) });
    }

    [OperationId("createApiKey")]
    [EndpointSummary("Create an API key")]
    [EndpointDescription("Create a key with a name, at least one scope and an optional future `expires_at`. The response " +
        "carries `secret_key` this once; roles owner, admin and developer; at most the account's limit of active keys (409 KEY_LIMIT_REACHED names the limit). Session only.")]
    [HttpPost]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKey)]
    [ProducesResponseType<CreatedApiKeyResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateApiKeyRequest request, CancellationToken ct)
    {
        var created = await keys.CreateAsync(Caller.From(User)!, new NewApiKey(request.Name, request.Scopes, request.ExpiresAt),
            HttpContext.GetClientInfo(), ct);
        var k = ApiKeyResponse.From(created.Key, clock.GetUtcNow());
        Response.Headers.CacheControl = "no-store";
        return Created($"/v1/developer-access/api-keys/{k.Id}", new CreatedApiKeyResponse(
            k.Id, k.Name, k.Prefix, k.Scopes, k.Status, k.CreatedBy, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, created.Secret));
    }

    [OperationId("revokeApiKey")]
    [EndpointSummary("Revoke an API key")]
    [EndpointDescription("Revoke a key: refused at once on every instance. Owners and admins revoke any key, developers the keys they created. Session only.")]
    [HttpDelete("{id}")]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Revoke(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        return await keys.RevokeAsync(Caller.From(User)!, keyId, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.NotFound("No such API key.");
    }
}
