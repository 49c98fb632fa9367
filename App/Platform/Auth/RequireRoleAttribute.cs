using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// The endpoint needs a role with <paramref name="permission"/> (<see cref="RolePermissions"/>): otherwise 403
/// INSUFFICIENT_ROLE naming the role. Beside <see cref="RequireScopeAttribute"/> and judged by the same handler, with the
/// role read fresh for each request (<see cref="Boltly.Platform.Accounts.MemberRoleCache"/>), never from a claim.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireRoleAttribute(Permission permission) : AuthorizeAttribute, IAuthorizationRequirementData
{
    private readonly IAuthorizationRequirement[] _requirements = [new RoleRequirement(permission)];

    public Permission Permission { get; } = permission;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements;
}
