using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>Leaked keys (docs/api-keys.md#leaked-keys): GitHub's signed partner report and the open report revoke a real key at
/// once; bad signatures are 401; unknown tokens are false positives; the open report always answers 202.</summary>
public sealed class LeakedKeyTests(LeakedKeysPortal portal, ITestOutputHelper output) : IClassFixture<LeakedKeysPortal>
{
    private static string Body(params string[] tokens) => JsonSerializer.Serialize(tokens.Select(t =>
        new { token = t, type = "boltly_api_key", url = "https://github.com/someone/repo/blob/main/.env", source = "content" }));

    private async Task<(HttpClient Client, string Token, ApiKeyTestClient.Key Key, TestUser Owner)> KeyAsync()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var token = (string)(await client.LoginAsync(user))["access_token"]!;
        return (client, token, await client.CreateKeyAsync(token, ["contacts:read"]), user);
    }

    [Fact]
    public async Task A_correctly_signed_report_revokes_the_key_and_answers_true_positive_and_an_unknown_token_false_positive()
    {
        var (client, token, key, _) = await KeyAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        var unknown = ApiKeyFormat.Generate().Secret;

        var response = await client.SendAsync(portal.SignedReport(Body(key.Secret, unknown, "not-a-key")));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var labels = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(3, labels.Count);
        Assert.Equal(LeakedKeysPortal.TokenHash(key.Secret), (string)labels[0]!["token_hash"]!);
        Assert.Equal("boltly_api_key", (string)labels[0]!["token_type"]!);
        Assert.Equal("true_positive", (string)labels[0]!["label"]!);
        Assert.Equal(LeakedKeysPortal.TokenHash(unknown), (string)labels[1]!["token_hash"]!);
        Assert.Equal("false_positive", (string)labels[1]!["label"]!);
        Assert.Equal("false_positive", (string)labels[2]!["label"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        var keys = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", token)).JsonAsync();
        Assert.Equal("revoked", (string)keys["data"]![0]!["status"]!);
        var log = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?action=api_key_leaked", token)).JsonAsync();
        var entry = Assert.Single(log["data"]!.AsArray())!;
        Assert.Equal("system", (string)entry["actor"]!["type"]!);
        Assert.Contains(key.Prefix, (string)entry["detail"]!);

        // Reported again: still ours, still revoked.
        var again = JsonNode.Parse(await (await client.SendAsync(portal.SignedReport(Body(key.Secret)))).Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("true_positive", (string)again[0]!["label"]!);
    }

    [Fact]
    public async Task A_missing_wrong_or_foreign_signature_is_401_and_revokes_nothing()
    {
        var (client, _, key, _) = await KeyAsync();
        var body = Body(key.Secret);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var unsigned = new HttpRequestMessage(HttpMethod.Post, LeakedKeysPortal.GitHubPath) { Content = new StringContent(body, null, "application/json") };
        var tampered = portal.SignedReport(body);
        tampered.Content = new StringContent(body.Replace("content", "commit", StringComparison.Ordinal), null, "application/json");
        foreach (var request in new[]
        {
            unsigned,
            portal.SignedReport(body, signer: stranger),
            portal.SignedReport(body, identifier: "unknown-key"),
            portal.SignedReport(body, identifier: null),
            tampered,
        })
            await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var garbage = portal.SignedReport(body);
        garbage.Headers.Remove("GITHUB-PUBLIC-KEY-SIGNATURE");
        garbage.Headers.Add("GITHUB-PUBLIC-KEY-SIGNATURE", "%%% not base64 %%%");
        await (await client.SendAsync(garbage)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
    }

    [Fact]
    public async Task A_signed_body_that_is_not_the_partner_format_is_400_and_an_oversized_one_413()
    {
        var client = portal.Host.CreateHttpClient();
        await (await client.SendAsync(portal.SignedReport("{\"token\": 1"))).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.SendAsync(portal.SignedReport("[{\"type\": \"x\"}]"))).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var huge = Body(Enumerable.Range(0, 2000).Select(_ => ApiKeyFormat.Generate().Secret).ToArray());
        await (await client.SendAsync(portal.SignedReport(huge))).AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task The_open_report_always_answers_202_and_revokes_a_real_key()
    {
        var (client, _, key, _) = await KeyAsync();
        foreach (var noise in new[] { "", "hello", "sk_live_" + new string('0', 40), ApiKeyFormat.Generate().Secret })
        {
            var response = await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = noise });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        var real = await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = key.Secret, url = "https://pastebin.example/abc" });
        Assert.Equal(HttpStatusCode.Accepted, real.StatusCode);
        Assert.Empty(await real.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = key.Secret })).StatusCode);

        // Not the report's shape: the contract's 400, which says nothing about any key.
        var malformed = await client.PostAsync(LeakedKeysPortal.ReportPath, new StringContent("{\"key\": ", null, "application/json"));
        await malformed.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task The_owners_are_mailed_when_a_key_leaks()
    {
        var (client, _, key, user) = await KeyAsync();
        var owner = user.Email;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = key.Secret })).StatusCode);
        using var inbox = new MailInbox();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<(string Id, string Subject)> leaked;
        // The sign-in's new-device mail goes to the same address: only the leak's mail counts here.
        while ((leaked = (await inbox.MessagesToAsync(owner)).Where(m => m.Subject.Contains("found in public", StringComparison.Ordinal)).ToList()).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no leak mail within 15 s");
            await Task.Delay(100);
        }
        var mail = Assert.Single(leaked);
        var text = await inbox.PlainTextAsync(mail.Id);
        Assert.Contains(key.Prefix, text);
        Assert.DoesNotContain(key.Secret, text);
    }

    [Fact]
    public async Task The_open_report_is_limited_per_client_address()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["RateLimits:LeakReportPerWindow"] = "3" }));
        var client = host.CreateHttpClient();
        host.Clock.AlignToWindowStart();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = "noise" })).StatusCode);
        var refused = await client.PostAsJsonAsync(LeakedKeysPortal.ReportPath, new { key = "noise" });
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.True(refused.Headers.RetryAfter is not null);
        output.WriteLine($"fourth report in the window: {(int)refused.StatusCode}");
    }
}
