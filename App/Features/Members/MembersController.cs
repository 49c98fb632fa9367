using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Members;

/// <summary>The account's members (docs/members.md). Session only; who may change whom is <see cref="RolePermissions"/>'s.</summary>
[ApiController]
[Tags(ApiTags.Members)]
[Route("v1/account/members")]
[SessionOnly]
[RequiresConfirmedEmail]
[Produces("application/json")]
public sealed class MembersController(MemberService members) : ControllerBase
{
    [OperationId("listMembers")]
    [EndpointSummary("List the account's members")]
    [EndpointDescription("Every member of the account with their role, owners first. Any role. Session only.")]
    [HttpGet]
    [ProducesResponseType<Page<MemberView>>(StatusCodes.Status200OK)]
    public Task<Page<MemberView>> List(CancellationToken ct) => members.ListAsync(Caller.From(User)!, ct);

    [OperationId("changeMemberRole")]
    [EndpointSummary("Change a member's role")]
    [EndpointDescription("`{\"role\"}`: owner, admin, developer or viewer. Owners and admins; an admin neither changes an owner nor " +
        "makes one. The last owner keeps the role (409 INVALID_STATE). Takes effect at once. Re-authentication. Session only.")]
    [HttpPatch("{id}")]
    [RequireRole(Permission.ManageMembers)]
    [RequiresReauthentication]
    [ProducesResponseType<MemberView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> ChangeRole(string id, ChangeRoleRequest request, CancellationToken ct) =>
        Guid.TryParse(id, out var memberId)
        && await members.ChangeRoleAsync(Caller.From(User)!, memberId, request.Role, HttpContext.GetClientInfo(), ct) is { } changed
            ? Ok(changed)
            : ApiResults.NotFound("No such member.");

    [OperationId("removeMember")]
    [EndpointSummary("Remove a member")]
    [EndpointDescription("Their sessions end at once, everywhere; the keys they created stay, shown as made by a former member. " +
        "Owners and admins (an admin not an owner). The last owner cannot be removed (409 INVALID_STATE). Re-authentication. Session only.")]
    [HttpDelete("{id}")]
    [RequireRole(Permission.ManageMembers)]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Remove(string id, CancellationToken ct) =>
        Guid.TryParse(id, out var memberId) && await members.RemoveAsync(Caller.From(User)!, memberId, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.NotFound("No such member.");
}
