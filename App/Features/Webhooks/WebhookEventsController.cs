using Boltly.Platform.Auth;
using Boltly.Platform.Events;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Webhooks;

[ApiController]
[Tags(ApiTags.Webhooks)]
[Route("v1/developer-access/webhook-events")]
[Produces("application/json")]
public sealed class WebhookEventsController(EventTypeCatalog catalog) : ControllerBase
{
    [EndpointName("listWebhookEventTypes")]
    [EndpointSummary("List the event types")]
    [EndpointDescription("Every event type a subscription can receive, with a description and a sample delivery body. " +
        "The whole catalog in one response (it is not paginated). The document's `webhooks` section has each payload's schema.")]
    [HttpGet]
    [RequireScope(ScopeCatalog.TokensRead)]
    [ProducesResponseType<WebhookEventTypeList>(StatusCodes.Status200OK)]
    public WebhookEventTypeList List() =>
        new([.. catalog.All.Select(t => new WebhookEventTypeResponse(t.Name, t.Description, EventTypeCatalog.SampleEnvelope(t)))]);
}
