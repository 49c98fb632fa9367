using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Met by sessions (cookie, JWT), never by an API key.</summary>
public sealed class SessionRequirement : IAuthorizationRequirement, IApiRefusal
{
    public string ErrorCode => ErrorCodes.SessionRequired;
    public string Message => ErrorCodes.SessionRequiredMessage;
}

/// <summary>Met by sessions and by API keys that carry <see cref="Scope"/>.</summary>
public sealed class ScopeRequirement(string scope) : IAuthorizationRequirement, IApiRefusal
{
    public string Scope { get; } = scope;
    public string ErrorCode => ErrorCodes.InsufficientScope;
    public string Message => $"This API key lacks the scope \"{Scope}\" that this endpoint requires.";
}

/// <summary>The one place the session-only and scope rules are decided.</summary>
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
                SessionRequirement => caller.IsSession,
                ScopeRequirement scope => caller.HasScope(scope.Scope),
                _ => (bool?)null,
            };
            if (met == true) context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
