using Boltly.Platform.Auth;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Inbox;

[ApiController]
[Route("v1/messages")]
[Produces("application/json")]
[Tags(ApiTags.Inbox)]
public sealed class MessagesController(InboxService inbox) : ControllerBase
{
    [EndpointName("listMessages")]
    [EndpointSummary("List messages across conversations")]
    [EndpointDescription("Messages across every conversation, newest first; filter by direction (inbound, outbound) and status.")]
    [HttpGet]
    [RequireScope(ScopeCatalog.InboxRead)]
    public async Task<Page<MessageResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, [FromQuery] string? direction,
        [FromQuery] string? status, CancellationToken ct)
    {
        var page = await inbox.ListAllMessagesAsync(Caller.From(User)!, direction, status, new PageRequest(limit, cursor), ct);
        return page.Map(MessageResponse.From);
    }
}
