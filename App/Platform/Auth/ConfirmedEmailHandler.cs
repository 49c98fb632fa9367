using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Judges <see cref="ConfirmedEmailRequirement"/>: reads always pass, a change passes when
/// <see cref="ConfirmedEmail.IsMetByAsync"/> says so (a memory hit for a known user).</summary>
public sealed class ConfirmedEmailHandler(ConfirmedEmail rule) : AuthorizationHandler<ConfirmedEmailRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ConfirmedEmailRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        if (http is not null && ConfirmedEmail.IsRead(http.Request.Method))
        {
            context.Succeed(requirement);
            return;
        }
        var caller = http?.GetCaller() ?? Caller.From(context.User);
        if (caller is not null && await rule.IsMetByAsync(caller, http?.RequestAborted ?? CancellationToken.None))
            context.Succeed(requirement);
    }
}
