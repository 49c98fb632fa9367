using Boltly.Platform.Text;

namespace Boltly.Platform.Http;

/// <summary>
/// The dashboard's statically rendered forms (sign-in, 2FA sign-in) post fields that reach PostgreSQL as
/// query parameters. ASP.NET Core refuses to decode a form holding U+0000 (%00) and the page would answer
/// 500; here it is a 400 instead (docs/security-http.md). The form is read once and cached, so the page's
/// binding and the antiforgery check read the same values. On the dashboard's branch only: <c>/v1</c> bodies are
/// JSON, checked while bound.
/// </summary>
public sealed class FormTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            string? refusal;
            try
            {
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                refusal = form.FirstOrDefault(f => !TextRules.IsStorable(f.Key) || f.Value.Any(v => !TextRules.IsStorable(v))) is { Key: not null } bad
                    ? $"The field {bad.Key.Replace("\0", "", StringComparison.Ordinal)} is not valid: {TextRules.NulMessage}"
                    : null;
            }
            catch (InvalidDataException)
            {
                // What the form reader says about %00 (and about a form past its limits).
                refusal = $"The form is not valid: {TextRules.NulMessage}";
            }
            if (refusal is not null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync(refusal, context.RequestAborted);
                return;
            }
        }
        await next(context);
    }
}
