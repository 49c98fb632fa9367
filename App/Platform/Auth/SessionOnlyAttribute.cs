using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>
/// Marks an endpoint usable only with a session (dashboard cookie or JWT): an API key gets
/// 403 SESSION_REQUIRED. Key management carries it, so no key can mint a stronger key.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SessionOnlyAttribute() : AuthorizeAttribute(PolicyName)
{
    public const string PolicyName = "session-only";
}
