using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>The requirement of <see cref="SessionOnlyAttribute"/>: met as <see cref="SessionOnly.IsMetBy"/> says.</summary>
public sealed class SessionRequirement : IAuthorizationRequirement, IApiRefusal
{
    public string ErrorCode => ErrorCodes.SessionRequired;
    public string Message => ErrorCodes.SessionRequiredMessage;
}
