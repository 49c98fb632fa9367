using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Boltly.Platform.Http;

/// <summary>
/// Headers a browser needs to keep the portal's responses to themselves (docs/security-http.md):
/// <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy</c> on every response, and a
/// Content-Security-Policy on every HTML page. It runs before the pipeline splits, for both branches; the API's
/// branch adds <c>Cache-Control: no-store</c> (<see cref="NoStoreMiddleware"/>).
/// </summary>
public sealed partial class SecurityHeadersMiddleware(RequestDelegate next, IOptions<ContentSecurityPolicyOptions> policy, string apiReferencePath)
{
    private const string ApiReferencePolicy = "Boltly.ApiReferencePolicy";

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (IsHtml(context))
            {
                // Replaces the frame-ancestors 'self' that Blazor sets on interactive pages: nothing frames the portal.
                headers.ContentSecurityPolicy = context.Items[ApiReferencePolicy] as string ?? ContentSecurityPolicy.ForPage(context.Nonce(), policy.Value.InlineEventHandlers);
            }
            return Task.CompletedTask;
        });

        if (IsApiReferencePage(context.Request.Path)) await ServeApiReferenceAsync(context);
        else await next(context);
    }

    /// <summary>The reference page is small: held back until its inline scripts are hashed into its policy.</summary>
    private async Task ServeApiReferenceAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        if (IsHtml(context))
        {
            var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var scripts = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
            context.Items[ApiReferencePolicy] = ContentSecurityPolicy.ForApiReference(scripts);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    // The page itself, not its scripts and styles (served under the same path, and large).
    private bool IsApiReferencePage(PathString path) =>
        path.Equals(apiReferencePath, StringComparison.OrdinalIgnoreCase)
        || path.Equals(apiReferencePath + "/", StringComparison.OrdinalIgnoreCase)
        || path.Equals(apiReferencePath + "/index.html", StringComparison.OrdinalIgnoreCase);

    private static bool IsHtml(HttpContext context) =>
        context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;

    // An inline script: a <script> element without a src attribute, and its text.
    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
