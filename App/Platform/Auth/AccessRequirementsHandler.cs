using Boltly.Platform.Accounts;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Judges the session-only, scope and role requirements, by <see cref="SessionOnly"/>, <see cref="Caller.HasScope"/>
/// and <see cref="RolePermissions"/> with the caller's current role (<see cref="MemberRoleCache"/>).</summary>
public sealed class AccessRequirementsHandler(MemberRoleCache roles) : IAuthorizationHandler
{
    // Most endpoints (whoami, every fallback-policy endpoint) carry none of these: answered without reading the
    // caller, copying the pending set or enumerating through an interface (no allocation), on every request.
    public Task HandleAsync(AuthorizationHandlerContext context) =>
        Concerns(context.Requirements) ? JudgeAsync(context) : Task.CompletedTask;

    private static bool Concerns(IEnumerable<IAuthorizationRequirement> requirements)
    {
        if (requirements is IReadOnlyList<IAuthorizationRequirement> list)
        {
            for (var i = 0; i < list.Count; i++)
                if (list[i] is SessionRequirement or ScopeRequirement or RoleRequirement) return true;
            return false;
        }
        return requirements.Any(static r => r is SessionRequirement or ScopeRequirement or RoleRequirement);
    }

    private async Task JudgeAsync(AuthorizationHandlerContext context)
    {
        var caller = context.Resource is HttpContext http ? http.GetCaller() : Caller.From(context.User);
        if (caller is null) return;
        // A key holds no role: its scopes are all it has. A session's role is read once per request, only when asked.
        string? role = null;
        async ValueTask<string> RoleAsync() => role ??= await roles.GetAsync(caller.UserId!.Value);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            switch (requirement)
            {
                case SessionRequirement when SessionOnly.IsMetBy(caller):
                case ScopeRequirement scope when !caller.IsSession && caller.HasScope(scope.Scope):
                case RoleRequirement when !caller.IsSession:
                    context.Succeed(requirement);
                    break;
                case ScopeRequirement scope when caller.IsSession:
                    if (RolePermissions.AllowsScope(await RoleAsync(), scope.Scope)) context.Succeed(requirement);
                    else context.Fail(new RoleRefusal(this, RolePermissions.ScopeRefusalMessage(scope.Scope)));
                    break;
                case RoleRequirement needed when caller.IsSession:
                    if (RolePermissions.Allows(await RoleAsync(), needed.Permission)) context.Succeed(requirement);
                    break;
            }
        }
    }

    /// <summary>A session whose role lacks a scope: refused as INSUFFICIENT_ROLE, not INSUFFICIENT_SCOPE (a scope is a key's).</summary>
    public sealed class RoleRefusal(IAuthorizationHandler handler, string message) : AuthorizationFailureReason(handler, message), IApiRefusal
    {
        public string ErrorCode => ErrorCodes.InsufficientRole;
    }
}
