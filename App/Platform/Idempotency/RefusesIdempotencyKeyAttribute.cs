using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Boltly.Platform.Idempotency;

/// <summary>
/// A POST whose response holds a secret shown once refuses <c>Idempotency-Key</c> with 400 instead of
/// ignoring it: replaying would mean storing the secret, and a client that sent the header would
/// otherwise believe its retries are safe when each one creates another resource.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RefusesIdempotencyKeyAttribute(string reason) : Attribute, IResourceFilter
{
    /// <summary>Why, for the client: the 400's message and the OpenAPI description.</summary>
    public string Reason { get; } = reason;

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.Request.Headers.ContainsKey(IdempotentAttribute.HeaderName))
            context.Result = ApiResults.Validation(IdempotentAttribute.HeaderName, Reason);
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
