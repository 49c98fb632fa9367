using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Judges the session-only and scope requirements, by <see cref="SessionOnly"/> and <see cref="Caller.HasScope"/>.</summary>
public sealed class AccessRequirementsHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
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
