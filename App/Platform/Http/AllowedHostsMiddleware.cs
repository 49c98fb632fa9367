using Boltly.Platform.Errors;

namespace Boltly.Platform.Http;

/// <summary>
/// Refuses a request whose <c>Host</c> is not one the portal answers for (<see cref="AllowedHosts"/>) with <c>400</c>:
/// in the contract's JSON on <c>/v1</c>, as plain text elsewhere. Nothing after it (redirects, links in pages, the
/// passkey relying party) then ever names a host an attacker chose. First on each branch of the pipeline: the API's
/// passes <paramref name="answerAsJson"/> true.
/// </summary>
public sealed class AllowedHostsMiddleware(RequestDelegate next, AllowedHosts hosts, ILogger<AllowedHostsMiddleware> logger, bool answerAsJson)
{
    public const string Message = "This portal does not answer for that host name.";

    public Task InvokeAsync(HttpContext context) => hosts.Allows(context.Request.Host) ? next(context) : RefuseAsync(context);

    private async Task RefuseAsync(HttpContext context)
    {
        logger.LogDebug("Refused a request for a host the portal does not answer for");
        if (answerAsJson)
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, Message);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(Message);
    }
}
