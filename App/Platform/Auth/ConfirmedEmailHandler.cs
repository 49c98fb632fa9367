using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Judges <see cref="ConfirmedEmailRequirement"/>: reads always pass, a change passes when
/// <see cref="ConfirmedEmail.IsMetByAsync"/> says so (a memory hit for a known user).</summary>
public sealed class ConfirmedEmailHandler(ConfirmedEmail rule) : AuthorizationHandler<ConfirmedEmailRequirement>
{
    /// <summary>Most endpoints carry no such requirement: they are passed over without the base class's enumeration
    /// through an interface (an allocation on every request).</summary>
    public override Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.Requirements is not IReadOnlyList<IAuthorizationRequirement> list) return base.HandleAsync(context);
        for (var i = 0; i < list.Count; i++)
            if (list[i] is ConfirmedEmailRequirement) return base.HandleAsync(context);
        return Task.CompletedTask;
    }

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
