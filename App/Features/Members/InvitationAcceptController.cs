using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Members;

/// <summary>Accepting an invitation: no credential, the token from the mail is the proof.</summary>
[ApiController]
[Tags(ApiTags.Members)]
[Route("v1/auth/invitations")]
[AllowAnonymous]
[Produces("application/json")]
public sealed class InvitationAcceptController(InvitationService invitations) : ControllerBase
{
    [OperationId("acceptInvitation")]
    [EndpointSummary("Accept an invitation")]
    [EndpointDescription("`{\"token\", \"password\"}` → 201: creates the user in the inviting account with the invited role; sign in " +
        "next. A used, withdrawn or expired link is 400; an email that already has an account, 409 INVALID_STATE.")]
    [HttpPost("accept")]
    [ProducesResponseType<AcceptedInvitationResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Accept(AcceptInvitationRequest request, CancellationToken ct)
    {
        var accepted = await invitations.AcceptAsync(request.Token, request.Password, HttpContext.GetClientInfo(), ct);
        Response.Headers.CacheControl = "no-store";
        return StatusCode(StatusCodes.Status201Created, accepted);
    }
}
