using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>Met by sessions and by API keys that carry <see cref="Scope"/> (<see cref="Caller.HasScope"/>).</summary>
public sealed class ScopeRequirement(string scope) : IAuthorizationRequirement, IApiRefusal
{
    public string Scope { get; } = scope;
    public string ErrorCode => ErrorCodes.InsufficientScope;
    public string Message => $"This API key lacks the scope \"{Scope}\" that this endpoint requires.";
}
