using Boltly.Platform.Auth;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.SecurityEvents;

/// <summary>The account's audit log (docs/security-events.md). Session only; every role may read it.</summary>
[ApiController]
[Tags(ApiTags.AuditLog)]
[Route("v1/account/audit-log")]
[SessionOnly]
[Produces("application/json")]
public sealed class AuditLogController(AuditLogQuery audit) : ControllerBase
{
    [OperationId("listAuditLog")]
    [EndpointSummary("List the account's audit log")]
    [EndpointDescription("Security events and changes to keys, webhooks and members, newest first, each naming its actor " +
        "(`{\"type\": \"member\"|\"api_key\"|\"system\", \"id\", \"name\"}`), the member acted on, the action, the time, the client " +
        "address and the device. Filters: `actor` (an id, or a type), `action`, `from` (inclusive), `to` (exclusive). Any role. Session only.")]
    [HttpGet]
    [ProducesResponseType<Page<AuditLogEntry>>(StatusCodes.Status200OK)]
    public Task<Page<AuditLogEntry>> List([FromQuery] string? actor, [FromQuery] string? action, [FromQuery] DateTimeOffset? from,
        [FromQuery] DateTimeOffset? to, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct) =>
        audit.ListAsync(Caller.From(User)!, new AuditLogFilter(actor, action, from, to), new PageRequest(limit, cursor), ct);
}
