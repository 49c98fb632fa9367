using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

/// <summary>
/// One signed POST (both signature formats, <see cref="WebhookSignature"/>) of an envelope to a subscription's URL (docs/webhooks.md): the target is checked again first,
/// the connection checks the addresses it connects to (<see cref="WebhookConnector"/>), redirects are not followed,
/// and the whole attempt, body excerpt included, ends after <see cref="WebhookOptions.TimeoutSeconds"/>.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory http, WebhookTargetPolicy targets, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string ClientName = "boltly-webhooks";
    public const int ResponseExcerptBytes = 1024;
    private const string UserAgent = "Boltly-Webhooks/1.0";

    /// <param name="secret">The subscription's unprotected signing secrets (<see cref="WebhookSigningSecrets"/>): every one
    /// active now signs, in both formats.</param>
    public async Task<WebhookAttemptOutcome> SendAsync(Uri url, string secret, string eventId, string eventType, byte[] body, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            if (await targets.RefusalAsync(url, deadline.Token) is { } refusal) return Failure(started, "Refused: " + refusal);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.UserAgent.ParseAdd(UserAgent);
            request.Headers.Add(WebhookSignature.EventIdHeader, eventId);
            request.Headers.Add(WebhookSignature.EventTypeHeader, eventType);
            var now = clock.GetUtcNow();
            WebhookSignature.Sign(request.Headers, WebhookSigningSecrets.Parse(secret).ActiveAt(now), eventId, now.ToUnixTimeSeconds(), body);
            var client = http.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var excerpt = await ReadExcerptAsync(response, deadline.Token);
            return new WebhookAttemptOutcome((int)response.StatusCode, null, Elapsed(started), excerpt, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failure(started, $"Timed out after {options.Value.TimeoutSeconds} s.");
        }
        catch (HttpRequestException ex)
        {
            return Failure(started, Describe(ex));
        }
        catch (WebhookTargetRefusedException ex)
        {
            return Failure(started, "Refused: " + ex.Message);
        }
    }

    /// <summary>A 429's or 503's <c>Retry-After</c> as a time: seconds from now, or the date it gives.</summary>
    private DateTimeOffset? RetryAfter(HttpResponseMessage response) =>
        (int)response.StatusCode is 429 or 503 && response.Headers.RetryAfter is { } retry
            ? retry.Delta is { } delta ? clock.GetUtcNow() + delta : retry.Date
            : null;

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
            if (e is WebhookTargetRefusedException refused) return "Refused: " + refused.Message;
        return ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message;
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseExcerptBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        // PostgreSQL text cannot hold NUL; a cut multi-byte character decodes as U+FFFD.
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace('\0', '\uFFFD');
    }

    private WebhookAttemptOutcome Failure(long started, string error) =>
        new(null, error.Length > WebhookDeliveryAttempt.ErrorLength ? error[..WebhookDeliveryAttempt.ErrorLength] : error, Elapsed(started), null);

    private int Elapsed(long started) => (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);
}
