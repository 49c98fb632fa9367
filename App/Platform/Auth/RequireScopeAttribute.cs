using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// The endpoint needs <paramref name="scope"/>: an API key without it gets 403 INSUFFICIENT_SCOPE
/// naming the scope; sessions act with every scope of their user. Like <see cref="SessionOnlyAttribute"/>,
/// the attribute carries its requirement, and the endpoint's policy is cached by the framework.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireScopeAttribute(string scope) : AuthorizeAttribute, IAuthorizationRequirementData
{
    private readonly IAuthorizationRequirement[] _requirements = [new ScopeRequirement(scope)];

    public string Scope { get; } = scope;

    public IEnumerable<IAuthorizationRequirement> GetRequirements() => _requirements;
}
