using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>The requirement of <see cref="RequiresReauthenticationAttribute"/>: a recent sign-in or re-authentication.</summary>
public sealed class ReauthenticationRequirement : IAuthorizationRequirement, IApiRefusal
{
    public string ErrorCode => ErrorCodes.ReauthenticationRequired;
    public string Message => ErrorCodes.ReauthenticationRequiredMessage;
}
