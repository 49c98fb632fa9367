using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Boltly.Platform.Errors;

/// <summary>Turns the domain's refusals into the contract's errors, for every controller.</summary>
public sealed class DomainExceptionFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        context.Result = context.Exception switch
        {
            DomainValidationException v => ApiResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is not valid.", v.Errors),
            InvalidPageRequestException p => ApiResults.Validation(p.Field, p.Message),
            Auth.SessionEndedException => ApiResults.Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, ErrorCodes.AuthenticationRequiredMessage),
            Auth.SessionRequiredException r => ApiResults.Error(StatusCodes.Status403Forbidden, ErrorCodes.SessionRequired, r.Message),
            Auth.InsufficientRoleException r => ApiResults.Error(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientRole, r.Message),
            Auth.EmailUnconfirmedException => ApiResults.Error(StatusCodes.Status403Forbidden, ErrorCodes.EmailUnconfirmed, ErrorCodes.EmailUnconfirmedMessage),
            ReauthenticationRequiredException => ApiResults.Error(StatusCodes.Status403Forbidden, ErrorCodes.ReauthenticationRequired, ErrorCodes.ReauthenticationRequiredMessage),
            ConflictException c => ApiResults.Error(StatusCodes.Status409Conflict, c.Code, c.Message),
            InvalidStateException s => ApiResults.Error(StatusCodes.Status409Conflict, ErrorCodes.InvalidState, s.Message),
            RateLimitedException r => ApiResults.TooManyRequests(context.HttpContext.Response, r.RetryAfterSeconds),
            _ => null,
        };
        context.ExceptionHandled = context.Result is not null;
    }
}
