using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Features.Sessions;

/// <summary>Judges <see cref="ReauthenticationRequirement"/> by <see cref="ReauthenticationWindow.IsOpenAsync"/>: a memory hit.</summary>
public sealed class ReauthenticationHandler(ReauthenticationWindow window) : AuthorizationHandler<ReauthenticationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReauthenticationRequirement requirement)
    {
        var ct = context.Resource is HttpContext http ? http.RequestAborted : CancellationToken.None;
        if (await window.IsOpenAsync(context.User, ct)) context.Succeed(requirement);
    }
}
