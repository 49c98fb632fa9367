using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// Marks a sensitive action (sudo mode, docs/sessions.md): a session must have signed in or re-authenticated within the
/// re-authentication window, otherwise 403 REAUTHENTICATION_REQUIRED. An API key is not a session and is judged by its
/// scopes alone. The window itself is decided by the sessions feature's handler of <see cref="ReauthenticationRequirement"/>;
/// dashboard pages ask the same rule through its service.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequiresReauthenticationAttribute : AuthorizeAttribute, IAuthorizationRequirementData
{
    private static readonly IAuthorizationRequirement[] Requirements = [new ReauthenticationRequirement()];

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => Requirements;
}
