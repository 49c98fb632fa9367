using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;

namespace Boltly.Platform.OpenApi;

/// <summary>Who may call an operation, read from its endpoint metadata: the scope an API key needs,
/// session-only, or no credential at all; and whether a session needs a recent re-authentication.</summary>
internal sealed record OperationAccess(string? Scope, bool SessionOnly, bool Anonymous, bool Reauthentication = false)
{
    public static OperationAccess Of(ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        return new OperationAccess(
            metadata.OfType<RequireScopeAttribute>().Select(a => a.Scope).LastOrDefault(),
            metadata.OfType<SessionOnlyAttribute>().Any(),
            metadata.OfType<IAllowAnonymous>().Any(),
            metadata.OfType<RequiresReauthenticationAttribute>().Any());
    }

    /// <summary>An authenticated caller is counted by the rate limiter: its responses carry the limit headers.</summary>
    public bool RateLimited => !Anonymous;
}
