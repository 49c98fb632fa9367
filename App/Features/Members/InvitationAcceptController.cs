using System.Text.Json.Nodes;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Members;

/// <summary>Accepting an invitation, with a password or a passkey: no credential, the token from the mail is the proof.</summary>
[ApiController]
[Tags(ApiTags.Members)]
[Route("v1/auth/invitations")]
[AllowAnonymous]
[Produces("application/json")]
public sealed class InvitationAcceptController(InvitationService invitations) : ControllerBase
{
    public const string PasskeyCreationOptionsPath = "/v1/auth/invitations/passkey-creation-options";

    [OperationId("acceptInvitation")]
    [EndpointSummary("Accept an invitation")]
    [EndpointDescription("`{\"token\", \"password\"}` or `{\"token\", \"credential\"}` → 201: creates the user in the inviting account " +
        "with the invited role; sign in next. `credential` is the browser's `navigator.credentials.create()` answer (as JSON text) to the " +
        "options of `passkey-creation-options`: the user then has that passkey and no password. Exactly one of `password` and " +
        "`credential`. A used, withdrawn or expired link is 400; a passkey that does not verify, or a ceremony that expired or was " +
        "used, 400 on `credential`; an email that already has an account, 409 INVALID_STATE. Limited per client address " +
        "(`RateLimits:InvitationPerWindow`, 10 a minute by default): then 429 RATE_LIMIT_EXCEEDED with `Retry-After`.")]
    [HttpPost("accept")]
    [ProducesResponseType<AcceptedInvitationResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Accept(AcceptInvitationRequest request, CancellationToken ct)
    {
        var accepted = await invitations.AcceptAsync(request.Token, request.Password, request.Credential, HttpContext.GetClientInfo(), ct);
        Response.Headers.CacheControl = "no-store";
        return StatusCode(StatusCodes.Status201Created, accepted);
    }

    [OperationId("createInvitationPasskeyOptions")]
    [EndpointSummary("Begin accepting an invitation with a passkey")]
    [EndpointDescription("`{\"token\"}` → 200 with WebAuthn creation options (`PublicKeyCredentialCreationOptionsJSON`) for a passkey " +
        "of the user the invitation will create; pass them to `navigator.credentials.create()` and send its answer to `accept` as " +
        "`credential`, within the options' `timeout`. The challenge is kept on the server and works once; asking again replaces it. " +
        "The link is checked first, as `accept` checks it: a used, withdrawn or expired link is 400 and an email that already has an " +
        "account 409 INVALID_STATE, and no options are issued. Limited per client address apart from `accept` " +
        "(`RateLimits:InvitationPerWindow`, 10 a minute by default): then 429 RATE_LIMIT_EXCEEDED with `Retry-After`.")]
    [HttpPost("passkey-creation-options")]
    [ProducesResponseType<JsonObject>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> PasskeyCreationOptions(InvitationPasskeyOptionsRequest request, CancellationToken ct)
    {
        var options = await invitations.BeginPasskeyAsync(request.Token, HttpContext.GetClientInfo(), ct);
        Response.Headers.CacheControl = "no-store";
        return Content(options, "application/json");
    }
}
