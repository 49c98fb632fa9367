using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Inbox;

[ApiController]
[Route("v1/conversations")]
[Produces("application/json")]
[Idempotent]
[Tags(ApiTags.Inbox)]
public sealed class ConversationsController(InboxService inbox) : ControllerBase
{
    private const string Missing = "No such conversation.";

    [EndpointName("listConversations")]
    [EndpointSummary("List conversations")]
    [HttpGet]
    [RequireScope(ScopeCatalog.InboxRead)]
    public async Task<Page<ConversationResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, [FromQuery] string? status,
        [FromQuery(Name = "contact_id")] Guid? contactId, CancellationToken ct)
    {
        var page = await inbox.ListAsync(Caller.From(User)!, status, contactId, new PageRequest(limit, cursor), ct);
        return page.Map(ConversationResponse.From);
    }

    [EndpointName("startConversation")]
    [EndpointSummary("Start or get the conversation with a contact")]
    [EndpointDescription("Start (or get) the conversation with a contact: 201 when created, 200 when it already existed. One conversation per contact.")]
    [HttpPost]
    [RequireScope(ScopeCatalog.InboxWrite)]
    [ProducesResponseType<ConversationResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ConversationResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Start(StartConversationRequest request, CancellationToken ct)
    {
        if (await inbox.StartAsync(Caller.From(User)!, request.ContactId, ct) is not { } started) return ApiResults.NotFound("No such contact.");
        var body = ConversationResponse.From(started.Conversation);
        return started.Created ? Created($"/v1/conversations/{body.Id}", body) : Ok(body);
    }

    [EndpointName("getConversation")]
    [EndpointSummary("Get a conversation")]
    [HttpGet("{id:guid}")]
    [RequireScope(ScopeCatalog.InboxRead)]
    [ProducesResponseType<ConversationResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct) =>
        await inbox.GetAsync(Caller.From(User)!, id, ct) is { } c ? Ok(ConversationResponse.From(c)) : ApiResults.NotFound(Missing);

    [EndpointName("updateConversation")]
    [EndpointSummary("Open, close or mark a conversation read")]
    [EndpointDescription("Open or close a conversation, and/or mark it read.")]
    [HttpPatch("{id:guid}")]
    [RequireScope(ScopeCatalog.InboxWrite)]
    [ProducesResponseType<ConversationResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Update(Guid id, UpdateConversationRequest request, CancellationToken ct) =>
        await inbox.UpdateAsync(Caller.From(User)!, id, request.Status, request.MarkRead, ct) is { } c
            ? Ok(ConversationResponse.From(c)) : ApiResults.NotFound(Missing);

    [EndpointName("listConversationMessages")]
    [EndpointSummary("List a conversation's messages")]
    [HttpGet("{id:guid}/messages")]
    [RequireScope(ScopeCatalog.InboxRead)]
    [ProducesResponseType<Page<MessageResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Messages(Guid id, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var page = await inbox.ListMessagesAsync(Caller.From(User)!, id, new PageRequest(limit, cursor), ct);
        return page is null ? ApiResults.NotFound(Missing)
            : Ok(page.Map(MessageResponse.From));
    }

    [EndpointName("sendMessage")]
    [EndpointSummary("Record an outbound message")]
    [EndpointDescription("Record an outbound message. It is stored with status `queued`: delivery to carriers is outside Boltly Portal, and this endpoint does not send anything to a phone network.")]
    [HttpPost("{id:guid}/messages")]
    [RequireScope(ScopeCatalog.InboxWrite)]
    [ProducesResponseType<MessageResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Send(Guid id, SendMessageRequest request, CancellationToken ct)
    {
        if (await inbox.SendAsync(Caller.From(User)!, id, request.Body, ct) is not { } m) return ApiResults.NotFound(Missing);
        return Created($"/v1/conversations/{id}/messages", MessageResponse.From(m));
    }
}
