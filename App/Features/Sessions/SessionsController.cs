using Boltly.Features.SecurityEvents;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Sessions;

/// <summary>The signed-in person's sessions (docs/sessions.md). Session only.</summary>
[ApiController]
[Tags(ApiTags.Sessions)]
[Route("v1/auth")]
[SessionOnly]
[Produces("application/json")]
public sealed class SessionsController(SessionService sessions, CallerResolver callers, SecurityEventRecorder events) : ControllerBase
{
    [EndpointName("listSessions")]
    [EndpointSummary("List your sessions")]
    [EndpointDescription("The caller's live sessions (dashboard browsers and apps), newest first; `current` marks the caller's own.")]
    [HttpGet("sessions")]
    [ProducesResponseType<Page<SessionResponse>>(StatusCodes.Status200OK)]
    public async Task<Page<SessionResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(User, ct);
        var page = await sessions.ListAsync(caller, new PageRequest(limit, cursor), ct);
        return page.Map(s => SessionResponse.From(s, caller.SessionId));
    }

    [EndpointName("revokeSession")]
    [EndpointSummary("End one of your sessions")]
    [EndpointDescription("Ends the session: its cookie, open dashboard pages and access tokens are refused at once on every instance.")]
    [HttpDelete("sessions/{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Revoke(string id, CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(User, ct);
        if (!Guid.TryParse(id, out var sessionId) || !await sessions.EndAsync(caller, sessionId, SessionEndReasons.Revoked, ct))
            return ApiResults.NotFound("No such session.");
        await events.RecordAsync(SecurityEventTypes.SessionRevoked, SecurityEventOutcomes.Success, HttpContext.GetClientInfo(),
            caller.UserId, caller.AccountId, $"session {sessionId}", ct);
        return NoContent();
    }

    [EndpointName("revokeOtherSessions")]
    [EndpointSummary("End every other session")]
    [EndpointDescription("Ends every session of the caller except the calling one.")]
    [HttpPost("sessions/revoke-others")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> RevokeOthers(CancellationToken ct)
    {
        var caller = await callers.ResolveAsync(User, ct);
        var ended = await sessions.EndOthersAsync(caller, SessionEndReasons.Revoked, ct);
        await events.RecordAsync(SecurityEventTypes.SessionRevoked, SecurityEventOutcomes.Success, HttpContext.GetClientInfo(),
            caller.UserId, caller.AccountId, $"{ended} other sessions", ct);
        return NoContent();
    }
}
