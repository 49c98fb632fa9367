namespace Boltly.Platform.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response of its branch that does not choose otherwise: API responses hold
/// tokens, keys, secrets or account data that no shared or browser cache should keep (docs/security-http.md).
/// </summary>
public sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            if (string.IsNullOrEmpty(context.Response.Headers.CacheControl)) context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
