using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// Marks an endpoint usable only with a session (dashboard cookie or JWT), as <see cref="SessionOnly"/> decides:
/// an API key gets 403 SESSION_REQUIRED. Key management carries it, so no key can mint a stronger key.
/// The requirement comes from the attribute itself (<see cref="IAuthorizationRequirementData"/>): no policy provider of
/// our own, so the framework's provider stays in place and the authorization middleware builds each endpoint's policy
/// once and caches it (a derived provider turns that cache off).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SessionOnlyAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    private static readonly IAuthorizationRequirement[] Requirements = [new SessionRequirement()];

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => Requirements;
}
