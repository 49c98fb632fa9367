using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// The endpoint needs <paramref name="scope"/>: an API key without it gets 403 INSUFFICIENT_SCOPE
/// naming the scope; sessions act with every scope of their user.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireScopeAttribute(string scope) : AuthorizeAttribute(PolicyPrefix + scope)
{
    public const string PolicyPrefix = "scope:";
    public string Scope { get; } = scope;
}
