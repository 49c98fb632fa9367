using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// Session-only and scope requirements come from their attributes (IAuthorizationRequirementData), not from a policy
/// provider of our own: a derived provider turns off the authorization middleware's per-endpoint policy cache, and
/// every request would build its policy again.
/// </summary>
public sealed class AuthorizationPolicyCachingTests(SharedPortal portal)
{
    [Fact]
    public void The_framework_caches_each_endpoints_policy()
    {
        var provider = portal.Host.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        Assert.Equal(typeof(DefaultAuthorizationPolicyProvider), provider.GetType());
        Assert.True(provider.AllowsCachingPolicies);
    }
}
