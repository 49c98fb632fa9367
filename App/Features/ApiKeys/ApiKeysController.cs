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
public sealed class ApiKeysController(ApiKeyService keys, ApiKeyRolls rolls, TimeProvider clock) : ControllerBase
{
    private const string NoIdempotencyKey = "API key creation does not accept Idempotency-Key: the response holds the secret key, " +
        "which is never stored, so it cannot be replayed. Before retrying a create that may have succeeded, list the keys and " +
        "revoke any duplicate.";

    [OperationId("listApiKeys")]
    [EndpointSummary("List API keys")]
    [EndpointDescription("List the account's API keys, newest first, without secrets. `status` (active, rolling, expired or " +
        "revoked) narrows the list. Each key names its `creator` (id, email, and `former_member` when they have left the account). " +
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
    [EndpointDescription("Create a key with a name, at least one scope, an optional future `expires_at` and an optional `allowed_ips` " +
        "(at most 20 IPv4/IPv6 addresses or CIDR ranges; empty: any address). The response " +
        "carries `secret_key` this once; roles owner, admin and developer; at most the account's limit of active keys (409 KEY_LIMIT_REACHED names the limit). Session only.")]
    [HttpPost]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKey)]
    [ProducesResponseType<CreatedApiKeyResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateApiKeyRequest request, CancellationToken ct)
    {
        var created = await keys.CreateAsync(Caller.From(User)!, new NewApiKey(request.Name, request.Scopes, request.ExpiresAt, request.AllowedIps),
            HttpContext.GetClientInfo(), ct);
        Response.Headers.CacheControl = "no-store";
        return Created($"/v1/developer-access/api-keys/{created.Key.Id}", CreatedApiKeyResponse.From(created, clock.GetUtcNow()));
    }

    [OperationId("updateApiKey")]
    [EndpointSummary("Rename a key or change its IP allowlist")]
    [EndpointDescription("`name` and/or `allowed_ips` (at most 20 IPv4/IPv6 addresses or CIDR ranges; empty: any address); an " +
        "absent field stays as it is. A request from outside the allowlist is refused with 403 IP_NOT_ALLOWED, on every instance " +
        "within a second of the change. A revoked or expired key: 409 INVALID_STATE. Re-authentication; session only.")]
    [HttpPatch("{id}")]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [ProducesResponseType<ApiKeyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(string id, UpdateApiKeyRequest request, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        var key = await keys.UpdateAsync(Caller.From(User)!, keyId, new ApiKeyChanges(request.Name, request.AllowedIps), HttpContext.GetClientInfo(), ct);
        return key is null ? ApiResults.NotFound("No such API key.") : Ok(ApiKeyResponse.From(key, clock.GetUtcNow()));
    }

    [OperationId("rollApiKey")]
    [EndpointSummary("Roll an API key")]
    [EndpointDescription("Replace a key by a new one with the same name, scopes and allowlist (the old expiry unless `expires_at` " +
        "is given); the response carries the new `secret_key` this once. The old key keeps working for `grace_seconds` (0–604800, " +
        "default 86400; never past its own expiry) with status `rolling`, its responses carrying `Deprecation` and `Sunset` with that " +
        "instant. The two count as one active key, so a roll works at the limit. A rolling, revoked or expired key: 409 INVALID_STATE. " +
        "Sends `api_key.rolled`. Re-authentication; session only.")]
    [HttpPost("{id}/roll")]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKey)]
    [ProducesResponseType<CreatedApiKeyResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Roll(string id, RollApiKeyRequest? request, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        var rolled = await rolls.RollAsync(Caller.From(User)!, keyId, new ApiKeyRoll(request?.GraceSeconds, request?.ExpiresAt),
            HttpContext.GetClientInfo(), ct);
        if (rolled is null) return ApiResults.NotFound("No such API key.");
        Response.Headers.CacheControl = "no-store";
        return Created($"/v1/developer-access/api-keys/{rolled.NewKey.Key.Id}", CreatedApiKeyResponse.From(rolled.NewKey, clock.GetUtcNow()));
    }

    [OperationId("endApiKeyGrace")]
    [EndpointSummary("End a rolling key's grace now")]
    [EndpointDescription("The old key of a roll stops working at once, on every instance within a second. A key that is not " +
        "rolling: 409 INVALID_STATE. Re-authentication; session only.")]
    [HttpPost("{id}/end-grace")]
    [RequireRole(Permission.ManageKeys)]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> EndGrace(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId)) return ApiResults.NotFound("No such API key.");
        return await rolls.EndGraceAsync(Caller.From(User)!, keyId, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.NotFound("No such API key.");
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
