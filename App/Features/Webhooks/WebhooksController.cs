using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Webhooks;

[ApiController]
[Tags(ApiTags.Webhooks)]
[Route("v1/developer-access/webhooks")]
[RequiresConfirmedEmail]
[Produces("application/json")]
public sealed class WebhooksController(WebhookService webhooks, WebhookDeliveryService deliveries) : ControllerBase
{
    private const string NoIdempotencyKey = "Webhook creation does not accept Idempotency-Key: the response holds the signing secret, " +
        "which is never stored, so it cannot be replayed. Before retrying a create that may have succeeded, list the subscriptions " +
        "and delete any duplicate.";
    private const string NoIdempotencyKeyOnRotate = "Secret rotation does not accept Idempotency-Key: the response holds the new " +
        "signing secret, which is never stored, so it cannot be replayed. Rotate again if the response was lost.";
    private const string Missing = "No such webhook subscription.";

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
    [RequireRole(Permission.ManageWebhooks)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKey)]
    [ProducesResponseType<CreatedWebhookResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateWebhookRequest request, CancellationToken ct)
    {
        var created = await webhooks.CreateAsync(Caller.From(User)!, request.Url, request.Events, ct, HttpContext.GetClientInfo());
        var w = created.Subscription;
        Response.Headers.CacheControl = "no-store";
        return Created($"/v1/developer-access/webhooks/{w.Id}", new CreatedWebhookResponse(w.Id, w.Url, w.Events, w.CreatedAt, created.SigningSecret));
    }

    [EndpointName("deleteWebhook")]
    [EndpointSummary("Delete a webhook subscription")]
    [EndpointDescription("Delete a webhook subscription.")]
    [HttpDelete("{id}")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await webhooks.DeleteAsync(Caller.From(User)!, webhookId, ct, HttpContext.GetClientInfo())
            ? NoContent()
            : ApiResults.NotFound(Missing);

    [EndpointName("updateWebhook")]
    [EndpointSummary("Re-enable or pause a webhook subscription")]
    [EndpointDescription("`{\"enabled\": true}` re-enables a subscription that was disabled after 3 days of failed deliveries " +
        "(it receives new events from then on; retry failed deliveries one by one). `{\"enabled\": false}` pauses it.")]
    [HttpPatch("{id}")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [ProducesResponseType<WebhookResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Update(string id, UpdateWebhookRequest request, CancellationToken ct)
    {
        if (request.Enabled is not { } enabled) throw new DomainValidationException("enabled", "Send enabled: true or false.");
        return Guid.TryParse(id, out var webhookId) && await deliveries.SetEnabledAsync(Caller.From(User)!, webhookId, enabled, ct) is { } w
            ? Ok(WebhookResponse.From(w))
            : ApiResults.NotFound(Missing);
    }

    [EndpointName("rotateWebhookSecret")]
    [EndpointSummary("Rotate a subscription's signing secret")]
    [EndpointDescription("Makes a new signing secret and returns it this once (`signing_secret`). The previous secret keeps " +
        "signing every delivery beside the new one (both in `Boltly-Signature` and in `webhook-signature`) for " +
        "`overlap_seconds` (default 86400, at most 604800; 0 ends it at once), so a receiver can switch without a failed " +
        "verification. Needs a recent sign-in (re-authentication) with a session.")]
    [HttpPost("{id}/rotate-secret")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [RequiresReauthentication]
    [RefusesIdempotencyKey(NoIdempotencyKeyOnRotate)]
    [ProducesResponseType<RotatedWebhookSecretResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> RotateSecret(string id, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] RotateWebhookSecretRequest? request,
        CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var webhookId)
            || await webhooks.RotateSecretAsync(Caller.From(User)!, webhookId, request?.OverlapSeconds, HttpContext.GetClientInfo(), ct) is not { } rotated)
            return ApiResults.NotFound(Missing);
        Response.Headers.CacheControl = "no-store";
        return Ok(new RotatedWebhookSecretResponse(rotated.Subscription.Id, rotated.SigningSecret, rotated.PreviousSecretExpiresAt));
    }

    [EndpointName("redeliverFailedWebhookEvents")]
    [EndpointSummary("Redeliver every event that failed since a time")]
    [EndpointDescription("Sends again every event whose delivery to this subscription failed, of those since `since` (at most " +
        "3 days back): a failed delivery gets one more attempt, a pending one that has failed so far is tried now. Each keeps " +
        "its event id (`webhook-id`). For a receiver that was down.")]
    [HttpPost("{id}/redeliver")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [Idempotent]
    [ProducesResponseType<RedeliverWebhookResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Redeliver(string id, RedeliverWebhookRequest request, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await deliveries.RedeliverFailedAsync(Caller.From(User)!, webhookId, request.Since, ct) is { } count
            ? Accepted(new RedeliverWebhookResponse(count))
            : ApiResults.NotFound(Missing);

    [EndpointName("listWebhookDeliveries")]
    [EndpointSummary("List a subscription's deliveries")]
    [EndpointDescription("The subscription's deliveries, newest first, each with its attempts (time, status code or error, " +
        "duration, first 1 KiB of the response). Attempts are kept 30 days.")]
    [HttpGet("{id}/deliveries")]
    [RequireScope(ScopeCatalog.TokensRead)]
    [ProducesResponseType<Page<WebhookDeliveryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Deliveries(string id, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await deliveries.ListAsync(Caller.From(User)!, webhookId, new PageRequest(limit, cursor), ct) is { } page
            ? Ok(page.Map(v => v.ToResponse()))
            : ApiResults.NotFound(Missing);

    [EndpointName("retryWebhookDelivery")]
    [EndpointSummary("Redeliver a delivery now")]
    [EndpointDescription("Sends the delivery's event again now, with the same event id (`webhook-id`), for any delivery of " +
        "the last 30 days: a pending one is moved up; a delivered or failed one gets one more attempt, whose failure does not " +
        "disable the subscription.")]
    [HttpPost("{id}/deliveries/{deliveryId}/retry")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [Idempotent]
    [ProducesResponseType<WebhookDeliveryResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Retry(string id, string deliveryId, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && Guid.TryParse(deliveryId, out var delivery)
            && await deliveries.RetryAsync(Caller.From(User)!, webhookId, delivery, ct) is { } view
            ? Accepted(view.ToResponse())
            : ApiResults.NotFound("No such delivery.");

    [EndpointName("testWebhook")]
    [EndpointSummary("Send a test event")]
    [EndpointDescription("Sends a `ping` event (its data is the subscription) to the subscription, enabled or not; one attempt, " +
        "listed with the deliveries.")]
    [HttpPost("{id}/test")]
    [RequireScope(ScopeCatalog.TokensCreate)]
    [RequireRole(Permission.ManageWebhooks)]
    [Idempotent]
    [ProducesResponseType<WebhookDeliveryResponse>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Test(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var webhookId) && await deliveries.TestAsync(Caller.From(User)!, webhookId, ct) is { } view
            ? Accepted(view.ToResponse())
            : ApiResults.NotFound(Missing);
}
