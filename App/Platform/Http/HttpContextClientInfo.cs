namespace Boltly.Platform.Http;

public static class HttpContextClientInfo
{
    /// <summary>The client address (after forwarded headers from trusted proxies) and user agent.</summary>
    public static ClientInfo GetClientInfo(this HttpContext context) =>
        new(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);
}
