using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Webhooks;

[ApiController]
[Tags(ApiTags.Webhooks)]
[Route("v1/developer-access/webhooks")]
[Produces("application/json")]
public sealed class WebhooksController(WebhookService webhooks) : ControllerBase
{
    private const string NoIdempotencyKey = "Webhook creation does not accept Idempotency-Key: the response holds the signing secret, " +
        "which is never stored, so it cannot be replayed. Before retrying a create that may have succeeded, list the subscriptions " +
        "and delete any duplicate.";

    [EndpointName("listWebhooks")]
    [EndpointSummary("List webhook subscriptions")]
    [EndpointDescription("List the account's webhook subscriptions, newest first, without their signing secrets.")]
    [HttpGet]
    [RequireScope(ScopeCatalog.TokensRead)]
    [ProducesResponseType<Page<WebhookResponse>>(StatusCodes.Status200OK)]
    public async Task<Page<WebhookResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var page = await webhooks.ListAsync(Caller.From(User)!, new PageRequest(limit, cursor), ct);
        return page.Map(WebhookResponse.From);
    }

    [EndpointName("createWebhook")]
    [EndpointSummary("Subscribe a URL to events")]
    [EndpointDescription("Subscribe an https URL to events (all events when `events` is absent). The response carries " +
        "`signing_secret` this once; it is never returned again.")]
    [HttpPost]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKey)]
    [ProducesResponseType<CreatedWebhookResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateWebhookRequest request, CancellationToken ct)
    {
        var created = await webhooks.CreateAsync(Caller.From(User)!, request.Url, request.Events, ct);
        var w = created.Subscription;
        Response.Headers.CacheControl = "no-store";
        return Created($"/v1/developer-access/webhooks/{w.Id}", new CreatedWebhookResponse(w.Id, w.Url, w.Events, w.CreatedAt, created.SigningSecret));
    }

    [EndpointName("deleteWebhook")]
    [EndpointSummary("Delete a webhook subscription")]
    [EndpointDescription("Delete a webhook subscription.")]
    [HttpDelete("{id}")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await webhooks.DeleteAsync(Caller.From(User)!, webhookId, ct)
            ? NoContent()
            : ApiResults.NotFound("No such webhook subscription.");
}
