using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Auth;

/// <summary>Builds the <c>session-only</c> and <c>scope:…</c> policies on demand.</summary>
public sealed class AccessPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName == SessionOnlyAttribute.PolicyName)
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new SessionRequirement()).Build();
        if (policyName.StartsWith(RequireScopeAttribute.PolicyPrefix, StringComparison.Ordinal))
            return new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(policyName[RequireScopeAttribute.PolicyPrefix.Length..])).Build();
        return await base.GetPolicyAsync(policyName);
    }
}
