using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

/// <summary>The requirement of <see cref="RequiresConfirmedEmailAttribute"/>, judged by <see cref="ConfirmedEmailHandler"/>.</summary>
public sealed class ConfirmedEmailRequirement : IAuthorizationRequirement, IApiRefusal
{
    public string ErrorCode => ErrorCodes.EmailUnconfirmed;
    public string Message => ErrorCodes.EmailUnconfirmedMessage;
}
