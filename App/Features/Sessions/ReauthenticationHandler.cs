using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Features.Sessions;

/// <summary>Judges <see cref="ReauthenticationRequirement"/> by <see cref="ReauthenticationWindow.IsOpenAsync"/> (which
/// also decides that an API key is not asked): a memory hit.</summary>
public sealed class ReauthenticationHandler(ReauthenticationWindow window) : AuthorizationHandler<ReauthenticationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReauthenticationRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        // The caller as the credential handler built it.
        if ((http?.GetCaller() ?? Caller.From(context.User)) is { } caller
            && await window.IsOpenAsync(caller, http?.RequestAborted ?? CancellationToken.None))
            context.Succeed(requirement);
    }
}
