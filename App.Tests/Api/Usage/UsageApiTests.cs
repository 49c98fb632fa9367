using System.Net;
using System.Text.RegularExpressions;
using Boltly.Platform.Errors;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Usage;

/// <summary>Usage by outcome and the request log over real HTTP, PostgreSQL and Redis (docs/usage.md).</summary>
public sealed partial class UsageApiTests(SharedPortal portal)
{
    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex RequestIdShape();

    [Fact]
    public async Task Thirty_allowed_five_out_of_scope_and_two_revoked_show_as_30_5_2_within_a_minute_and_in_the_log()
    {
        var host = portal.Host;
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var scenario = new UsageScenario(_ => host, jwt, key);

        await scenario.RunAsync();

        var usage = await UsageScenario.UsageWhenCountedAsync(host, jwt, key.Id, scenario.Sent.Count);
        Assert.Equal(30, (long)usage["success"]!);
        Assert.Equal(5, (long)usage["insufficient_scope"]!);
        Assert.Equal(2, (long)usage["revoked"]!);
        Assert.Equal(37, usage.Sum(p => (long)p.Value!));
        scenario.AssertLogged(await UsageScenario.LogWhenWrittenAsync(host, jwt, key.Id, scenario.Sent.Count));

        // Writing the same totals again (any instance, any number of times) changes nothing.
        await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(TestContext.Current.CancellationToken);
        var again = await UsageScenario.UsageWhenCountedAsync(host, jwt, key.Id, 37);
        Assert.Equal(usage.ToJsonString(), again.ToJsonString());

        // The hour and day rollups hold the same requests; the account's breakdown names the key.
        foreach (var granularity in new[] { "hour", "day" })
        {
            var response = await client.SendWithBearerAsync(HttpMethod.Get, $"/v1/developer-access/api-keys/{key.Id}/usage?granularity={granularity}", jwt);
            Assert.Equal(usage.ToJsonString(), UsageScenario.Sum((await response.JsonAsync())["data"]!.AsArray()).ToJsonString());
        }
        var account = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/usage?granularity=minute", jwt)).JsonAsync();
        Assert.Equal(usage.ToJsonString(), UsageScenario.Sum(account["data"]!.AsArray()).ToJsonString());
        var share = Assert.Single(account["keys"]!.AsArray());
        Assert.Equal(key.Id, Guid.Parse((string)share!["api_key_id"]!));
        Assert.Equal(37, (long)share["total"]!);
        Assert.Equal("test key", (string)share["name"]!);

        // The status filter.
        Assert.Equal(5, (await UsageScenario.LogAsync(host, jwt, key.Id, "status=403")).Count);
        Assert.Equal(7, (await UsageScenario.LogAsync(host, jwt, key.Id, "status=4xx")).Count);
        Assert.Equal(30, (await UsageScenario.LogAsync(host, jwt, key.Id, "status=2xx")).Count);
    }

    [Fact]
    public async Task Every_v1_response_carries_a_request_id_of_its_own()
    {
        var client = portal.Host.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("X-Request-Id", "req_00000000000000000000000000000000");
        var responses = new[]
        {
            await client.SendAsync(request),
            await client.GetAsync("/v1/no-such-route"),
            await client.GetWithKeyAsync("/v1/contacts", "sk_live_not-a-key"),
            await client.PostAsync("/v1/auth/login", new StringContent("{", System.Text.Encoding.UTF8, "application/json")),
        };
        var ids = responses.Select(r => r.Headers.GetValues("X-Request-Id").Single()).ToList();
        Assert.All(ids, id => Assert.Matches(RequestIdShape(), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain("req_00000000000000000000000000000000", ids);
    }

    [Fact]
    public async Task Usage_and_the_log_refuse_bad_input_keys_and_other_accounts()
    {
        var host = portal.Host;
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var other = await TestUser.CreateAsync(host);
        var otherJwt = await client.AccessTokenAsync(other);
        var basePath = $"/v1/developer-access/api-keys/{key.Id}";

        foreach (var query in new[] { "granularity=week", "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "from=banana",
                     "granularity=minute&from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "to=0001-01-01T00:00:00Z" })
        {
            await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/usage?{query}", jwt)).AssertErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
            await (await client.SendWithBearerAsync(HttpMethod.Get, $"/v1/developer-access/usage?{query}", jwt)).AssertErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }
        await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/requests?status=6xx", jwt)).AssertErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/requests?cursor=forged", jwt)).AssertErrorAsync(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);

        await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/usage", otherJwt)).AssertErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/requests", otherJwt)).AssertErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys/not-a-guid/usage", jwt)).AssertErrorAsync(HttpStatusCode.NotFound, ErrorCodes.NotFound);

        await (await client.GetWithKeyAsync($"{basePath}/usage", key.Secret)).AssertErrorAsync(HttpStatusCode.Forbidden, ErrorCodes.SessionRequired);
        await (await client.GetWithKeyAsync("/v1/developer-access/usage", key.Secret)).AssertErrorAsync(HttpStatusCode.Forbidden, ErrorCodes.SessionRequired);
        await (await client.GetWithKeyAsync($"{basePath}/requests", key.Secret)).AssertErrorAsync(HttpStatusCode.Forbidden, ErrorCodes.SessionRequired);

        // Defaults: 24 hour buckets, every one listed.
        var usage = await (await client.SendWithBearerAsync(HttpMethod.Get, $"{basePath}/usage", jwt)).JsonAsync();
        Assert.Equal("hour", (string)usage["granularity"]!);
        Assert.InRange(usage["data"]!.AsArray().Count, 24, 25);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_request_id_on_every_v1_response()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await portal.Host.CreateHttpClient().GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(document["components"]!["headers"]!["X-Request-Id"]);
        var responses = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Value?["responses"] is not null).SelectMany(o => o.Value!["responses"]!.AsObject()))
            .ToList();
        Assert.NotEmpty(responses);
        Assert.All(responses, r => Assert.Equal("#/components/headers/X-Request-Id", (string?)r.Value!["headers"]?["X-Request-Id"]?["$ref"]));
        Assert.NotNull(document["paths"]!["/v1/developer-access/api-keys/{id}/usage"]);
        Assert.NotNull(document["paths"]!["/v1/developer-access/usage"]);
        Assert.NotNull(document["paths"]!["/v1/developer-access/api-keys/{id}/requests"]);
    }
}
