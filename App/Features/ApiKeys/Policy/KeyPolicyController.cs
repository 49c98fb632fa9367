using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.ApiKeys.Policy;

/// <summary>The account's key policy (docs/api-keys.md#the-account-key-policy). Session only.</summary>
[ApiController]
[Tags(ApiTags.ApiKeys)]
[Route("v1/account/key-policy")]
[SessionOnly]
[Produces("application/json")]
public sealed class KeyPolicyController(KeyPolicies policies) : ControllerBase
{
    [OperationId("getKeyPolicy")]
    [EndpointSummary("Read the account's key policy")]
    [EndpointDescription("`max_lifetime_days` (the longest a new or rolled key may live) and `idle_revoke_days` (a key unused that " +
        "many days is revoked, its creator and the owners and admins told 7 days before); null is no limit. Any role. Session only.")]
    [HttpGet]
    [ProducesResponseType<KeyPolicyView>(StatusCodes.Status200OK)]
    public Task<KeyPolicyView> Get(CancellationToken ct) => policies.GetAsync(Caller.From(User)!, ct);

    [OperationId("setKeyPolicy")]
    [EndpointSummary("Set the account's key policy")]
    [EndpointDescription("Replaces the policy: `max_lifetime_days` null or 1–3650, `idle_revoke_days` null or 7–3650 (an absent " +
        "field is null). With a maximum lifetime, creating or rolling a key without an expiry inside it is 400 VALIDATION_FAILED " +
        "naming `expires_at`; keys that exist keep theirs. Owners and admins; re-authentication; recorded in the audit log. Session only.")]
    [HttpPut]
    [RequireRole(Permission.ManageKeyPolicy)]
    [RequiresReauthentication]
    [RequiresConfirmedEmail]
    [ProducesResponseType<KeyPolicyView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public Task<KeyPolicyView> Put(KeyPolicyRequest request, CancellationToken ct) =>
        policies.UpdateAsync(Caller.From(User)!, new KeyPolicy(request.MaxLifetimeDays, request.IdleRevokeDays), HttpContext.GetClientInfo(), ct);
}
