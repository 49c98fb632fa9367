using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>
/// The figures the OpenAPI document shows for the rate limit and the key limit are the running portal's configuration,
/// not numbers written into the document: a host configured with other numbers documents those.
/// </summary>
public sealed class OpenApiConfiguredFiguresTests
{
    [Fact]
    public async Task The_document_shows_the_configured_rate_limit_and_key_limit()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = "77",
            ["RateLimits:WindowSeconds"] = "30",
            ["ApiKeys:MaxActivePerAccount"] = "3",
        }));
        var response = await host.CreateHttpClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!.AsObject();

        var headers = document["components"]!["headers"]!;
        Assert.Equal("\"per-key\";q=77;w=30", (string?)headers["RateLimit-Policy"]!["example"]);
        Assert.Equal(77, (int?)headers["X-RateLimit-Limit"]!["example"]);
        Assert.Contains("77 per 30 seconds", (string?)headers["X-RateLimit-Limit"]!["description"]);

        // A schema property named "limit" (the rate-limit state whoami reports) shows the configured limit as its example.
        var limits = Properties(document["components"]!["schemas"]!, "limit").Select(Example).ToList();
        Assert.Contains(77, limits);
        Assert.DoesNotContain(120, limits);

        var createKey = document["paths"]!["/v1/api-keys"]!["post"]!["responses"]!["409"]!;
        Assert.Contains("the account has 3 active keys", (string?)createKey["description"]);
        Assert.Contains("already has 3 active API keys", createKey.ToJsonString());

        Assert.DoesNotContain("q=120", text);
        Assert.DoesNotContain("5 active", text);
    }

    private static int? Example(JsonNode property) => (int?)(property["examples"]?[0] ?? property["example"]);

    private static IEnumerable<JsonNode> Properties(JsonNode schemas, string name) =>
        schemas.AsObject().Select(s => s.Value?["properties"]?[name]).OfType<JsonNode>();
}
