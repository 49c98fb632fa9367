using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Judges the session-only and scope requirements, by <see cref="SessionOnly"/> and <see cref="Caller.HasScope"/>.</summary>
public sealed class AccessRequirementsHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        // Most endpoints (whoami, every fallback-policy endpoint) carry none of these: answered without reading the
        // caller or copying the pending set, on every request.
        if (!context.Requirements.Any(static r => r is SessionRequirement or ScopeRequirement)) return Task.CompletedTask;
        var caller = context.Resource is HttpContext http ? http.GetCaller() : Caller.From(context.User);
        if (caller is null) return Task.CompletedTask;
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                SessionRequirement => SessionOnly.IsMetBy(caller),
                ScopeRequirement scope => caller.HasScope(scope.Scope),
                _ => (bool?)null,
            };
            if (met == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
