using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Features.Sessions;

/// <summary>Judges <see cref="ReauthenticationRequirement"/> by <see cref="ReauthenticationWindow.IsOpenAsync"/>: a memory hit.</summary>
public sealed class ReauthenticationHandler(ReauthenticationWindow window) : AuthorizationHandler<ReauthenticationRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ReauthenticationRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        // An API key is not a session: its scopes alone decide (the caller as the credential handler built it).
        if ((http?.GetCaller() ?? Caller.From(context.User)) is { Kind: CredentialKind.ApiKey })
        {
            context.Succeed(requirement);
            return;
        }
        if (await window.IsOpenAsync(http?.User ?? context.User, http?.RequestAborted ?? CancellationToken.None)) context.Succeed(requirement);
    }
}
