using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// Every change this controller (or action) makes needs a confirmed email address, as <see cref="ConfirmedEmail"/>
/// decides: a user who has not confirmed theirs gets 403 EMAIL_UNCONFIRMED on any method but GET, HEAD and OPTIONS;
/// reads stay open. Put on the key, webhook and member controllers, so an action added to them later is covered too.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresConfirmedEmailAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    private static readonly IAuthorizationRequirement[] Requirements = [new ConfirmedEmailRequirement()];

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => Requirements;
}
