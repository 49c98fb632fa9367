using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Cluster;

/// <summary>
/// Two app processes behind nginx (the tested configuration in scripts/nginx.conf.template): what a
/// deployment on several instances relies on, checked through the real load balancer.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class LoadBalancedClusterTests(LoadBalancedCluster cluster, SharedPortal portal, ITestOutputHelper output)
    : IClassFixture<LoadBalancedCluster>
{
    private const string WhoAmI = "/v1/developer-access/whoami";

    [Fact]
    public async Task The_api_is_spread_over_both_instances_and_the_dashboard_sticks_to_one()
    {
        using var lb = cluster.Client(cluster.Nginx);
        var apiUpstreams = new HashSet<string>();
        for (var i = 0; i < 8; i++) apiUpstreams.Add(Upstream(await lb.GetAsync("/health/live")));
        Assert.Equal(new[] { $"127.0.0.1:{cluster.PortA}", $"127.0.0.1:{cluster.PortB}" }.Order(), apiUpstreams.Order());

        var dashboardUpstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var page = await lb.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            dashboardUpstreams.Add(Upstream(page));
        }
        Assert.Single(dashboardUpstreams);
    }

    [Fact]
    public async Task A_dashboard_cookie_issued_through_nginx_opens_the_dashboard_on_both_instances_and_its_circuit_connects()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var lb = cluster.Client(cluster.Nginx);
        var form = await DashboardSignIn.OpenFormAsync(lb);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(lb, form, user));

        // Separate processes share nothing but PostgreSQL and Redis: the Data Protection key ring in
        // PostgreSQL is what lets the instance that did not issue the cookie read it.
        foreach (var address in new[] { cluster.InstanceA, cluster.InstanceB })
        {
            using var direct = cluster.Client(address);
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);
            var page = await direct.SendAsync(request);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{address}: {(int)page.StatusCode} {page.Headers.Location}");
            Assert.Contains(user.Email, await page.Content.ReadAsStringAsync());
        }

        // A signed-in Blazor circuit: negotiate, then the WebSocket, both through nginx to one instance.
        var negotiate = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", cookie);
        var negotiated = await lb.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        var token = (string?)JsonNode.Parse(await negotiated.Content.ReadAsStringAsync())?["connectionToken"];
        Assert.False(string.IsNullOrEmpty(token));

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{cluster.NginxPort}/_blazor?id={Uri.EscapeDataString(token!)}"), timeout.Token);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task Two_hundred_parallel_requests_over_both_instances_share_one_budget_of_120()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var lb = cluster.Client(cluster.Nginx);
        var jwt = await lb.AccessTokenAsync(user);
        var key = await lb.CreateKeyAsync(jwt, ["contacts:read"]);

        // The processes run on the real clock: start the burst early in a one-minute window, so all of
        // it is counted in the same window.
        var first = await lb.GetWithKeyAsync(WhoAmI, key.Secret);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        if (first.HeaderInt("X-RateLimit-Reset") < 20)
        {
            await Task.Delay(TimeSpan.FromSeconds(first.HeaderInt("X-RateLimit-Reset") + 1));
            first = await lb.GetWithKeyAsync(WhoAmI, key.Secret);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        Assert.Equal(120, first.HeaderInt("X-RateLimit-Limit"));
        Assert.Equal(119, first.HeaderInt("X-RateLimit-Remaining"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 199).Select(_ => lb.GetWithKeyAsync(WhoAmI, key.Secret)));

        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        output.WriteLine($"accepted {accepted.Count + 1}, refused {refused.Count}; instances: " +
            string.Join(", ", responses.GroupBy(Upstream).Select(g => $"{g.Key} {g.Count()}")));
        Assert.Equal(119, accepted.Count);
        Assert.Equal(80, refused.Count);
        Assert.Equal(2, accepted.Select(Upstream).Distinct().Count());
        Assert.All(refused, r => Assert.True(r.Headers.Contains("Retry-After")));
        await refused[0].AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task A_key_revoked_through_nginx_is_refused_by_both_instances_within_a_second()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var lb = cluster.Client(cluster.Nginx);
        using var a = cluster.Client(cluster.InstanceA);
        using var b = cluster.Client(cluster.InstanceB);
        var jwt = await lb.AccessTokenAsync(user);
        var key = await lb.CreateKeyAsync(jwt, ["contacts:read"]);
        // Both instances hold the key in memory.
        Assert.Equal(HttpStatusCode.OK, (await a.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);

        var clock = Stopwatch.StartNew();
        var revoke = await lb.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var revokedBy = Upstream(revoke);

        var seen = await Task.WhenAll(new[] { a, b }.Select(async client =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                if ((await client.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode == HttpStatusCode.Unauthorized) return clock.Elapsed;
                await Task.Delay(5);
            }
            return TimeSpan.MaxValue;
        }));
        output.WriteLine($"revoked by {revokedBy}; refused by A after {seen[0].TotalMilliseconds:F0} ms, by B after {seen[1].TotalMilliseconds:F0} ms (from sending the DELETE)");
        Assert.All(seen, t => Assert.True(t < TimeSpan.FromSeconds(1), $"took {t.TotalMilliseconds:F0} ms"));
    }

    [Fact]
    public async Task Twenty_parallel_creates_through_nginx_make_exactly_five_keys()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var lb = cluster.Client(cluster.Nginx);
        var jwt = await lb.AccessTokenAsync(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            lb.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt, new { name = $"k{i}", scopes = new[] { "contacts:read" } })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(2, responses.Select(Upstream).Distinct().Count());
        await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).AssertErrorAsync(HttpStatusCode.Conflict, "KEY_LIMIT_REACHED");
    }

    private static string Upstream(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Boltly-Upstream", out var values) ? values.Single() : "(none)";

    [Fact]
    public async Task A_session_ended_through_nginx_refuses_its_access_token_and_cookie_on_both_instances_within_a_second()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var lb = cluster.Client(cluster.Nginx);
        var caller = await lb.AccessTokenAsync(user);
        var access = await lb.AccessTokenAsync(user);
        var form = await DashboardSignIn.OpenFormAsync(lb);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(lb, form, user));
        using var a = cluster.Client(cluster.InstanceA);
        using var b = cluster.Client(cluster.InstanceB);
        foreach (var direct in new[] { a, b })
        {
            // Warm both instances' memory tiers, so a refusal cannot come from a cold lookup.
            Assert.Equal(HttpStatusCode.OK, (await direct.SendWithBearerAsync(HttpMethod.Get, WhoAmI, access)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CookieWhoAmIAsync(direct, cookie)).StatusCode);
        }
        // Warm both instances' revoke path (a cold process compiles its first queries for seconds on this machine): the
        // promise is how fast an ending reaches every instance, so throwaway sessions are revoked through nginx first.
        for (var i = 0; i < 4; i++)
        {
            var spare = await lb.AccessTokenAsync(user);
            var spareId = (string)(await (await lb.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/sessions", spare)).JsonAsync())["data"]!
                .AsArray().Single(s => (bool)s!["current"]!)!["id"]!;
            Assert.Equal(HttpStatusCode.NoContent, (await lb.SendWithBearerAsync(HttpMethod.Delete, $"/v1/auth/sessions/{spareId}", caller)).StatusCode);
        }
        var sessions = (await (await lb.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/sessions", caller)).JsonAsync())["data"]!.AsArray();
        var others = sessions.Where(s => !(bool)s!["current"]!).Select(s => (string)s!["id"]!).ToList();
        Assert.Equal(2, others.Count);

        // Measured from sending the first revoke: the promise is about the ending, not its response.
        var clock = Stopwatch.StartNew();
        foreach (var id in others)
            Assert.Equal(HttpStatusCode.NoContent, (await lb.SendWithBearerAsync(HttpMethod.Delete, $"/v1/auth/sessions/{id}", caller)).StatusCode);
        var ended = clock.Elapsed;

        var seen = new TimeSpan[2];
        var clients = new[] { a, b };
        for (var i = 0; i < 2; i++)
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                var token = await clients[i].SendWithBearerAsync(HttpMethod.Get, WhoAmI, access);
                var withCookie = await CookieWhoAmIAsync(clients[i], cookie);
                if (token.StatusCode == HttpStatusCode.Unauthorized && withCookie.StatusCode == HttpStatusCode.Unauthorized) break;
                await Task.Delay(5);
            }
            seen[i] = clock.Elapsed;
        }
        output.WriteLine($"both revokes answered after {ended.TotalMilliseconds:F0} ms; token and cookie refused by A after " +
            $"{seen[0].TotalMilliseconds:F0} ms, by B after {seen[1].TotalMilliseconds:F0} ms");
        Assert.All(seen, t => Assert.True(t < TimeSpan.FromSeconds(1), $"took {t.TotalMilliseconds:F0} ms"));
        Assert.Equal(HttpStatusCode.OK, (await lb.SendWithBearerAsync(HttpMethod.Get, WhoAmI, caller)).StatusCode);
    }

    private static Task<HttpResponseMessage> CookieWhoAmIAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, WhoAmI);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }
}
