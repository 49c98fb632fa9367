using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Usage;

/// <summary>The scenario: 30 allowed requests with a key, 5 out of its scope, 2 after it is revoked, each
/// sent to the host <see cref="Host"/> picks; and the reads that check what usage and the log made of them.</summary>
internal sealed class UsageScenario(Func<int, PortalHost> host, string jwt, ApiKeyTestClient.Key key)
{
    public const int Allowed = 30;
    public const int OutOfScope = 5;
    public const int AfterRevocation = 2;

    /// <summary>Each request in the order sent: its request id, status and the path it was sent to (with a query string).</summary>
    public List<(string RequestId, int Status)> Sent { get; } = [];

    public PortalHost Host(int i) => host(i);

    public async Task RunAsync(Func<Task>? afterRevocation = null)
    {
        var n = 0;
        for (var i = 0; i < Allowed; i++) await SendAsync(n++, $"/v1/contacts?limit=2&note=secret-{i}", HttpStatusCode.OK);
        for (var i = 0; i < OutOfScope; i++) await SendAsync(n++, "/v1/templates?limit=1", HttpStatusCode.Forbidden);
        var revoke = await host(n).CreateHttpClient().SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        if (afterRevocation is not null) await afterRevocation();
        for (var i = 0; i < AfterRevocation; i++) await SendAsync(n++, "/v1/contacts?cursor=abc", HttpStatusCode.Unauthorized);
    }

    private async Task SendAsync(int n, string path, HttpStatusCode expected)
    {
        var response = await host(n).CreateHttpClient().GetWithKeyAsync(path, key.Secret);
        Assert.Equal(expected, response.StatusCode);
        Sent.Add((response.Headers.GetValues("X-Request-Id").Single(), (int)response.StatusCode));
    }

    /// <summary>Polls the key's usage (minute buckets) until it holds every request sent, for at most a minute.</summary>
    public static async Task<JsonObject> UsageWhenCountedAsync(PortalHost reader, string jwt, Guid keyId, int expectedTotal)
    {
        var client = reader.CreateHttpClient();
        var clock = Stopwatch.StartNew();
        JsonObject totals;
        do
        {
            var response = await client.SendWithBearerAsync(HttpMethod.Get, $"/v1/developer-access/api-keys/{keyId}/usage?granularity=minute", jwt);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            totals = Sum((await response.JsonAsync())["data"]!.AsArray());
            if (totals.Sum(p => (long)p.Value!) >= expectedTotal) break;
            await Task.Delay(250);
        } while (clock.Elapsed < TimeSpan.FromMinutes(1));
        return totals;
    }

    public static JsonObject Sum(JsonArray buckets)
    {
        var totals = new JsonObject();
        foreach (var name in UsageOutcomes.Names)
            totals[name] = buckets.Sum(b => (long)b![name]!);
        return totals;
    }

    /// <summary>The key's whole request log, newest first, page by page.</summary>
    public static async Task<List<JsonNode>> LogAsync(PortalHost reader, string jwt, Guid keyId, string query = "")
    {
        var client = reader.CreateHttpClient();
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var sep = query.Length > 0 ? "&" : "";
            var path = $"/v1/developer-access/api-keys/{keyId}/requests?{query}{sep}limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await client.SendWithBearerAsync(HttpMethod.Get, path, jwt);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            entries.AddRange(page["data"]!.AsArray().Select(e => e!));
            cursor = (string?)page["next_cursor"];
        } while (cursor is not null);
        return entries;
    }

    /// <summary>Polls the log until it holds <paramref name="count"/> entries, for at most a minute.</summary>
    public static async Task<List<JsonNode>> LogWhenWrittenAsync(PortalHost reader, string jwt, Guid keyId, int count)
    {
        var clock = Stopwatch.StartNew();
        List<JsonNode> entries;
        do
        {
            entries = await LogAsync(reader, jwt, keyId);
            if (entries.Count >= count) break;
            await Task.Delay(250);
        } while (clock.Elapsed < TimeSpan.FromMinutes(1));
        return entries;
    }

    /// <summary>The checks the issue names on the log: every request, newest first, with its status and request id, no query string.</summary>
    public void AssertLogged(List<JsonNode> entries)
    {
        Assert.Equal(Sent.Count, entries.Count);
        var expected = Enumerable.Reverse(Sent).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(expected[i].RequestId, (string)entries[i]["request_id"]!);
            Assert.Equal(expected[i].Status, (int)entries[i]["status"]!);
            Assert.Equal("GET", (string)entries[i]["method"]!);
            Assert.DoesNotContain("?", (string)entries[i]["path"]!);
            Assert.StartsWith("/v1/", (string)entries[i]["path"]!);
            Assert.True((int)entries[i]["duration_ms"]! >= 0);
            Assert.NotNull((string?)entries[i]["client_address"]);
        }
        Assert.Equal(AfterRevocation, entries.Count(e => (string)e["path"]! == "/v1/contacts" && (int)e["status"]! == 401));
        Assert.Equal(OutOfScope, entries.Count(e => (string)e["path"]! == "/v1/templates"));
    }
}
