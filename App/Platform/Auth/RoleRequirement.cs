using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>The requirement of <see cref="RequireRoleAttribute"/>: the caller's current role has <see cref="Permission"/>
/// (<see cref="RolePermissions"/>); an API key meets it (a key holds no role, its scopes decide).</summary>
public sealed class RoleRequirement(Permission permission) : IAuthorizationRequirement, IApiRefusal
{
    public Permission Permission { get; } = permission;
    public string ErrorCode => ErrorCodes.InsufficientRole;
    public string Message => RolePermissions.RefusalMessage(Permission);
}
