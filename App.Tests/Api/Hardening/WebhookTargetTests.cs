using System.Net;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Hardening;

/// <summary>Webhook targets resolve only to public addresses, in every notation; the cap holds under concurrency.</summary>
public sealed class WebhookTargetTests(SharedPortal portal, ITestOutputHelper output)
{
    private const string Webhooks = "/v1/developer-access/webhooks";

    public static TheoryData<string> InternalTargets =>
    [
        "https://127.0.0.1/hook", "https://127.0.0.1:8443/hook", "https://127.1/hook", "https://2130706433/hook",
        "https://0177.0.0.1/hook", "https://0x7f.0.0.1/hook", "https://0x7f000001/hook", "https://017700000001/hook",
        "https://localhost/hook", "https://app.localhost/hook", "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:7f00:1]/hook", "https://[0:0:0:0:0:ffff:169.254.169.254]/hook", "https://[::127.0.0.1]/hook",
        "https://169.254.169.254/latest/meta-data", "https://2852039166/latest", "https://[fe80::1]/hook", "https://[fd00::1]/hook",
        "https://[64:ff9b::a00:1]/hook", "https://[2002:a00:1::]/hook",
        "https://10.0.0.1/hook", "https://10.255.255.255/hook", "https://172.16.0.1/hook", "https://172.31.255.254/hook",
        "https://192.168.1.1/hook", "https://100.64.0.1/hook", "https://100.127.255.254/hook", "https://0.0.0.0/hook",
        "https://0.1.2.3/hook", "https://224.0.0.1/hook", "https://255.255.255.255/hook", "https://[ff02::1]/hook", "https://[::]/hook",
        "https://metadata.google.internal/computeMetadata/v1/", "https://metadata/hook", "https://anything.internal/hook",
        "https://private.example.com/hook", "https://metadata.example.com/hook", "https://mixed.example.com/hook",
        "https://unique-local.example.com/hook", "https://no-such-host.invalid/hook",
    ];

    [Theory]
    [MemberData(nameof(InternalTargets))]
    public async Task An_internal_target_is_refused_in_every_notation(string url)
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var refused = await api.SendAsync(HttpMethod.Post, Webhooks, new { url });
        var text = await refused.Content.ReadAsStringAsync();
        output.WriteLine($"{url} → {text}");
        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await refused.JsonAsync())["details"]!.AsObject().ContainsKey("url"), text);
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, Webhooks))["data"]!.AsArray());
    }

    [Fact]
    public async Task Public_targets_pass_and_a_name_that_does_not_resolve_says_so()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://93.184.215.14/hook" }, expected: HttpStatusCode.Created);
        await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://[2606:4700::1111]/hook" }, expected: HttpStatusCode.Created);
        await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/boltly" }, expected: HttpStatusCode.Created);
        var unresolved = await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://no-such-host.invalid/hook" });
        Assert.Contains("does not resolve", (string)(await unresolved.JsonAsync())["details"]!["url"]![0]!);
    }

    [Fact]
    public async Task Webhooks_AllowLoopback_admits_loopback_in_tests_and_nothing_else_private()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = "true" }));
        var api = await PublicApiClient.CreateAsync(host);
        await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "http://127.0.0.1:5005/hook" }, expected: HttpStatusCode.Created);
        await (await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://10.0.0.1/hook" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://169.254.169.254/hook" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "http://hooks.example.com/hook" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public void Webhooks_AllowLoopback_outside_Development_and_Testing_stops_the_start()
    {
        using var host = new PortalHost(new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = "true" }) { Environment = "Production" };
        var failure = Assert.ThrowsAny<Exception>(() => host.StartServer());
        Assert.Contains("AllowLoopback", failure.ToString());
    }

    [Fact]
    public async Task Ten_parallel_creates_at_19_of_20_make_exactly_one()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        for (var i = 0; i < WebhookService.MaxPerAccount - 1; i++)
            await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = $"https://hooks.example.com/{i}" }, expected: HttpStatusCode.Created);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await api.SendAsync(HttpMethod.Post, Webhooks, new { url = $"https://hooks.example.com/race-{i}" });
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(attempts);
        output.WriteLine(string.Join(", ", answers.GroupBy(a => a.StatusCode).Select(g => $"{(int)g.Key} × {g.Count()}")));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.BadRequest, a.StatusCode));
        Assert.Equal(WebhookService.MaxPerAccount, (await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}?limit=50"))["data"]!.AsArray().Count);
    }
}
