using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

public sealed partial class OpenApiDocumentTests(SharedPortal portal)
{
    [GeneratedRegex(@"\{([^:}?]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_v1_endpoint_of_the_app_is_documented_with_its_scope()
    {
        var client = portal.Host.CreateHttpClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var paths = document["paths"]!.AsObject();

        var endpoints = portal.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**"))
            .ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} endpoints found");
        var checkedScopes = 0;
        foreach (var endpoint in endpoints)
        {
            var path = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var operation = paths[path]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {path} is not in /openapi/v1.json");
                var scope = endpoint.Metadata.GetOrderedMetadata<RequireScopeAttribute>().LastOrDefault()?.Scope;
                if (scope is null) continue;
                Assert.Equal(scope, (string?)operation!["x-required-scope"]);
                Assert.Contains(scope, (string?)operation["description"]);
                Assert.NotNull(operation["responses"]!["403"]);
                Assert.NotNull(operation["responses"]!["401"]);
                var schemes = operation["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList();
                Assert.Contains("ApiKey", schemes);
                Assert.Contains("Bearer", schemes);
                checkedScopes++;
            }
        }
        Assert.True(checkedScopes >= 25);

        var securitySchemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("X-API-Key", (string?)securitySchemes["ApiKey"]!["name"]);
        Assert.Equal("header", (string?)securitySchemes["ApiKey"]!["in"]);
        Assert.Equal("bearer", (string?)securitySchemes["Bearer"]!["scheme"]);

        // Snake_case schemas, error responses and the Idempotency-Key header.
        var create = paths["/v1/contacts"]!["post"]!;
        Assert.Contains(create["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
        Assert.NotNull(create["responses"]!["400"]);
        Assert.NotNull(create["responses"]!["409"]);
        Assert.NotNull(paths["/v1/contacts/{id}"]!["get"]!["responses"]!["404"]);
        Assert.Contains("queued", (string?)paths["/v1/conversations/{id}/messages"]!["post"]!["description"]);
        Assert.Contains(document["components"]!["schemas"]!.AsObject(), s => s.Value!["properties"]?["has_more"] is not null);
    }

    [Fact]
    public async Task The_reference_page_and_the_document_need_no_credential()
    {
        var client = portal.Host.CreateHttpClient();
        var docs = await client.GetAsync("/docs");
        if (docs.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently) docs = await client.GetAsync(docs.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.Contains("Boltly Portal API reference", html);
        Assert.Contains("scalar", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
