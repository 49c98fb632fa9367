using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// A real HTTP receiver on loopback for webhook deliveries: records every request (headers and body) and answers
/// with the status codes a test queues (200 once the queue is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _answers = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    // A path of its own: a port can be reused, and a pending delivery of an earlier test to that port must not count here.
    private readonly string _path = $"/hook/{Guid.NewGuid():N}";

    public string Url => $"http://127.0.0.1:{Port}{_path}";

    /// <summary>Every request so far.</summary>
    public ConcurrentBag<ReceivedWebhook> All { get; } = [];

    /// <summary>The next answers, in order; 200 after them.</summary>
    public void AnswerWith(params int[] statusCodes)
    {
        foreach (var code in statusCodes) _answers.Enqueue((code, null));
    }

    /// <summary>The next answer: <paramref name="statusCode"/> with a <c>Retry-After</c> header.</summary>
    public void AnswerWithRetryAfter(int statusCode, string retryAfter) => _answers.Enqueue((statusCode, retryAfter));

    public async Task<ReceivedWebhook> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { return await _received.Reader.ReadAsync(timeout.Token); }
        catch (OperationCanceledException) { throw new TimeoutException($"No webhook arrived within {within.TotalSeconds} s."); }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            if (context.Request.Url?.AbsolutePath != _path)
            {
                context.Response.StatusCode = 410;
                context.Response.Close();
                continue;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedWebhook(headers, body, DateTimeOffset.UtcNow);
            All.Add(received);
            var (code, retryAfter) = _answers.TryDequeue(out var next) ? next : (200, null);
            context.Response.StatusCode = code;
            if (retryAfter is not null) context.Response.Headers["Retry-After"] = retryAfter;
            var answer = Encoding.UTF8.GetBytes($"answered {context.Response.StatusCode}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            await _received.Writer.WriteAsync(received);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { /* stopping */ }
    }
}

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At);
