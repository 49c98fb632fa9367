using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Boltly.Bench;

/// <summary>The few API calls the benchmark needs, over plain HTTP; from <paramref name="from"/> when given (a loopback
/// address of its own, so the per-address limits that the wrk floods used up do not apply to it).</summary>
public sealed class BenchClient(Uri baseAddress, int maxConnections = 64, IPAddress? from = null)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = maxConnections,
        UseCookies = false,
        ConnectCallback = from is null ? null : async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(from, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<string> LoginAsync(string email, string password)
    {
        var response = await _http.PostAsJsonAsync("/v1/auth/login", new { email, password });
        return (string)(await JsonAsync(response, HttpStatusCode.OK))["access_token"]!;
    }

    public async Task<(Guid Id, string Secret)> CreateKeyAsync(string jwt, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/developer-access/api-keys")
        {
            Content = JsonContent.Create(new { name, scopes = new[] { "contacts:read" } }),
        };
        request.Headers.Authorization = new("Bearer", jwt);
        var json = await JsonAsync(await _http.SendAsync(request), HttpStatusCode.Created);
        return (Guid.Parse((string)json["id"]!), (string)json["secret_key"]!);
    }

    public async Task RevokeAsync(string jwt, Guid id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/developer-access/api-keys/{id}");
        request.Headers.Authorization = new("Bearer", jwt);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"revoke answered {(int)response.StatusCode}");
    }

    public async Task<HttpStatusCode> WhoAmIAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("X-API-Key", key);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return response.StatusCode;
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return (JsonObject)JsonNode.Parse(text)!;
    }
}
