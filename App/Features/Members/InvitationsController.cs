using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Members;

/// <summary>Invitations to the account (docs/members.md). Session only; sending and withdrawing need the role owner or admin.</summary>
[ApiController]
[Tags(ApiTags.Members)]
[Route("v1/account/invitations")]
[SessionOnly]
[RequiresConfirmedEmail]
[Produces("application/json")]
public sealed class InvitationsController(InvitationService invitations) : ControllerBase
{
    [OperationId("listInvitations")]
    [EndpointSummary("List pending invitations")]
    [EndpointDescription("Invitations not yet accepted, withdrawn or expired, newest first. Any role. Session only.")]
    [HttpGet]
    [ProducesResponseType<Page<InvitationView>>(StatusCodes.Status200OK)]
    public async Task<Page<InvitationView>> List(CancellationToken ct) =>
        new(await invitations.ListPendingAsync(Caller.From(User)!, ct), false, null);

    [OperationId("inviteMember")]
    [EndpointSummary("Invite someone")]
    [EndpointDescription("`{\"email\", \"role\"}` → 201; emails a link valid 7 days, usable once. An earlier pending invitation of the " +
        "address stops working. Owners and admins (only an owner invites an owner). Re-authentication. Session only.")]
    [HttpPost]
    [RequireRole(Permission.ManageMembers)]
    [RequiresReauthentication]
    [ProducesResponseType<InvitationView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Invite(InviteRequest request, CancellationToken ct)
    {
        var invitation = await invitations.InviteAsync(Caller.From(User)!, request.Email, request.Role, HttpContext.GetClientInfo(), ct);
        return Created($"/v1/account/invitations/{invitation.Id}", invitation);
    }

    [OperationId("resendInvitation")]
    [EndpointSummary("Send an invitation again")]
    [EndpointDescription("A new link (the old one stops working), valid 7 days from now. Owners and admins. Session only.")]
    [HttpPost("{id}/resend")]
    [RequireRole(Permission.ManageMembers)]
    [ProducesResponseType<InvitationView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Resend(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var invitationId)
        && await invitations.ResendAsync(Caller.From(User)!, invitationId, HttpContext.GetClientInfo(), ct) is { } resent
            ? Ok(resent)
            : ApiResults.NotFound("No such pending invitation.");

    [OperationId("withdrawInvitation")]
    [EndpointSummary("Withdraw an invitation")]
    [EndpointDescription("Its link stops working. Owners and admins. Session only.")]
    [HttpDelete("{id}")]
    [RequireRole(Permission.ManageMembers)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Withdraw(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var invitationId) && await invitations.WithdrawAsync(Caller.From(User)!, invitationId, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.NotFound("No such pending invitation.");
}
