namespace Boltly.Platform.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response of its branch that does not choose otherwise: API responses hold
/// tokens, keys, secrets or account data that no shared or browser cache should keep (docs/security-http.md).
/// </summary>
public sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(SetNoStore, context.Response);
        return next(context);
    }

    // One delegate for every response, the response as its state: no closure per request.
    private static readonly Func<object, Task> SetNoStore = static state =>
    {
        var response = (HttpResponse)state;
        if (string.IsNullOrEmpty(response.Headers.CacheControl)) response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    };
}
