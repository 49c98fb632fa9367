using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Broadcasts;

[ApiController]
[Route("v1/broadcasts")]
[Produces("application/json")]
[Idempotent]
[Tags(ApiTags.Broadcasts)]
public sealed class BroadcastsController(BroadcastService broadcasts) : ControllerBase
{
    private const string Missing = "No such broadcast.";

    [EndpointName("listBroadcasts")]
    [EndpointSummary("List broadcasts")]
    [HttpGet]
    [RequireScope(ScopeCatalog.BroadcastsRead)]
    public async Task<Page<BroadcastResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var page = await broadcasts.ListAsync(Caller.From(User)!, new PageRequest(limit, cursor), ct);
        return page.Map(BroadcastResponse.From);
    }

    [EndpointName("getBroadcast")]
    [EndpointSummary("Get a broadcast")]
    [HttpGet("{id:guid}")]
    [RequireScope(ScopeCatalog.BroadcastsRead)]
    [ProducesResponseType<BroadcastResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct) =>
        await broadcasts.GetAsync(Caller.From(User)!, id, ct) is { } b ? Ok(BroadcastResponse.From(b)) : ApiResults.NotFound(Missing);

    [EndpointName("createBroadcast")]
    [EndpointSummary("Create a draft or scheduled broadcast")]
    [EndpointDescription("Create a draft broadcast, or a scheduled one with a future scheduled_at.")]
    [HttpPost]
    [RequireScope(ScopeCatalog.BroadcastsCreate)]
    [ProducesResponseType<BroadcastResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateBroadcastRequest request, CancellationToken ct)
    {
        var b = await broadcasts.CreateAsync(Caller.From(User)!,
            new NewBroadcast(request.Name, request.TemplateId, request.AudienceTags, request.Variables, request.ScheduledAt), ct);
        return Created($"/v1/broadcasts/{b.Id}", BroadcastResponse.From(b));
    }

    [EndpointName("sendBroadcast")]
    [EndpointSummary("Send a broadcast now")]
    [EndpointDescription("Send now: one outbound message per recipient, recorded with status `queued` (delivery to carriers is outside Boltly Portal). A broadcast is sent once; a second send is 409 INVALID_STATE.")]
    [HttpPost("{id:guid}/send")]
    [RequireScope(ScopeCatalog.BroadcastsSend)]
    [ProducesResponseType<BroadcastMetrics>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Send(Guid id, CancellationToken ct) =>
        await broadcasts.SendAsync(Caller.From(User)!, id, ct) is { } m ? Ok(m) : ApiResults.NotFound(Missing);

    [EndpointName("retryBroadcast")]
    [EndpointSummary("Retry a broadcast's failed messages")]
    [EndpointDescription("Re-queue the recipients whose message failed. Only for a sent broadcast (else 409 INVALID_STATE).")]
    [HttpPost("{id:guid}/retry")]
    [RequireScope(ScopeCatalog.BroadcastsSend)]
    [ProducesResponseType<BroadcastMetrics>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Retry(Guid id, CancellationToken ct) =>
        await broadcasts.RetryAsync(Caller.From(User)!, id, ct) is { } m ? Ok(m) : ApiResults.NotFound(Missing);

    [EndpointName("getBroadcastMetrics")]
    [EndpointSummary("Get a broadcast's metrics")]
    [EndpointDescription("Recipients at send time and their messages by status now.")]
    [HttpGet("{id:guid}/metrics")]
    [RequireScope(ScopeCatalog.BroadcastsRead)]
    [ProducesResponseType<BroadcastMetrics>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Metrics(Guid id, CancellationToken ct) =>
        await broadcasts.MetricsAsync(Caller.From(User)!, id, ct) is { } m ? Ok(m) : ApiResults.NotFound(Missing);
}
