using System.Net;
using System.Net.Http.Json;
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
    public async Task Every_operation_has_a_unique_operation_id_a_summary_a_tag_security_and_typed_errors()
    {
        var document = await DocumentAsync(portal.Host);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var described = document["tags"]!.AsArray().Where(t => !string.IsNullOrWhiteSpace((string?)t!["description"]))
            .Select(t => (string)t!["name"]!).ToHashSet();
        var count = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        foreach (var (method, op) in item!.AsObject())
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            count++;
            var id = (string?)op!["operationId"];
            Assert.False(string.IsNullOrWhiteSpace(id), $"{where} has no operationId");
            Assert.Matches("^[a-z][A-Za-z0-9]+$", id);
            Assert.True(ids.Add(id!), $"{where}: operationId {id} is used twice");
            Assert.False(string.IsNullOrWhiteSpace((string?)op["summary"]), $"{where} has no summary");
            var tags = op["tags"]!.AsArray().Select(t => (string)t!).ToList();
            Assert.Single(tags);
            Assert.True(described.Contains(tags[0]), $"{where}: tag {tags[0]} has no description");

            // Security on every operation: an explicit empty list for sign-in, else the schemes it takes.
            var security = op["security"]?.AsArray();
            Assert.True(security is not null, $"{where} has no security");
            var schemes = security!.SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList();
            var scopes = op["x-boltly-scopes"]!.AsArray().Select(s => (string)s!).ToList();
            var sessionOnly = (bool)op["x-boltly-session-only"]!;
            if (schemes.Count == 0) Assert.Contains("No credential needed", (string?)op["description"]);
            else if (sessionOnly) Assert.Equal(["Bearer"], schemes);
            else Assert.Equal(["ApiKey", "Bearer"], schemes);
            Assert.Equal(op["x-required-scope"] is { } one ? [(string)one!] : [], scopes);
            Assert.Equal(op["x-session-only"] is not null, sessionOnly);

            var responses = op["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                Assert.Equal("#/components/schemas/ApiError", (string?)response!["content"]?["application/json"]?["schema"]?["$ref"]);
                Assert.NotEmpty(response["content"]!["application/json"]!["examples"]!.AsObject());
                if (status == "429") Assert.NotNull(response["headers"]?["Retry-After"]);
            }
            if (schemes.Count > 0)
            {
                Assert.NotNull(responses["401"]);
                foreach (var (status, response) in responses.Where(r => r.Key != "401"))
                    Assert.True(response!["headers"]?["X-RateLimit-Remaining"] is not null, $"{where} {status} lacks the rate-limit headers");
            }
        }
        Assert.True(count >= 46, $"only {count} operations");

        // Each error response names the codes that operation can give.
        string[] Codes(string path, string method, string status) =>
            document["paths"]![path]![method]!["responses"]![status]!["content"]!["application/json"]!["examples"]!.AsObject()
                .Select(e => (string)e.Value!["value"]!["error"]!).ToArray();
        Assert.Equal(["CONTACT_EXISTS", "IDEMPOTENCY_CONFLICT"], Codes("/v1/contacts", "post", "409"));
        Assert.Equal(["KEY_LIMIT_REACHED"], Codes("/v1/developer-access/api-keys", "post", "409"));
        Assert.Equal(["INVALID_CREDENTIALS"], Codes("/v1/auth/login", "post", "401"));
        Assert.Equal(["UNAUTHORIZED"], Codes("/v1/auth/refresh", "post", "401"));
        Assert.Equal(["SESSION_REQUIRED"], Codes("/v1/developer-access/api-keys", "get", "403"));
        Assert.Equal(["INSUFFICIENT_SCOPE"], Codes("/v1/contacts", "get", "403"));
        // The invitation endpoints without a credential are limited per client address.
        Assert.Equal(["RATE_LIMIT_EXCEEDED"], Codes("/v1/auth/invitations/accept", "post", "429"));
        Assert.Equal(["RATE_LIMIT_EXCEEDED"], Codes("/v1/auth/invitations/passkey-creation-options", "post", "429"));
        // A first password (no current_password) needs the re-authentication window: the change says so, and asks no current one.
        Assert.Equal(["SESSION_REQUIRED", "REAUTHENTICATION_REQUIRED"], Codes("/v1/auth/change-password", "post", "403"));
        var change = (string)document["paths"]!["/v1/auth/change-password"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!;
        var required = document["components"]!["schemas"]![change.Split('/')[^1]]!["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains("new_password", required);
        Assert.DoesNotContain("current_password", required);
        Assert.Contains("createApiKey", ids);
        Assert.Contains("listContacts", ids);
    }

    [Fact]
    public async Task Sign_in_answers_one_of_two_shapes_told_apart_by_type_and_both_carry_it()
    {
        var document = await DocumentAsync(portal.Host);
        var schemas = document["components"]!["schemas"]!;
        var reference = (string?)document["paths"]!["/v1/auth/login"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"];
        var login = schemas[reference!.Split('/')[^1]]!;
        Assert.Equal(["#/components/schemas/TokenPair", "#/components/schemas/MfaRequiredResponse"],
            login["oneOf"]!.AsArray().Select(s => (string)s!["$ref"]!));
        Assert.Equal("type", (string?)login["discriminator"]!["propertyName"]);
        Assert.Equal("#/components/schemas/TokenPair", (string?)login["discriminator"]!["mapping"]!["token_pair"]);
        Assert.Equal("#/components/schemas/MfaRequiredResponse", (string?)login["discriminator"]!["mapping"]!["mfa_required"]);
        foreach (var (shape, value) in new[] { ("TokenPair", "token_pair"), ("MfaRequiredResponse", "mfa_required") })
        {
            Assert.Contains("type", schemas[shape]!["required"]!.AsArray().Select(r => (string)r!));
            Assert.Equal([value], schemas[shape]!["properties"]!["type"]!["enum"]!.AsArray().Select(e => (string)e!));
        }
        Assert.Contains("access_token", schemas["TokenPair"]!["required"]!.AsArray().Select(r => (string)r!));

        // What the server sends matches: a token pair says type token_pair.
        var user = await TestUser.CreateAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("token_pair", (string?)body["type"]);
        Assert.NotNull((string?)body["access_token"]);
    }

    [Fact]
    public async Task The_server_is_the_configured_public_url_not_the_requesting_host()
    {
        var document = await DocumentAsync(portal.Host);
        Assert.Equal(["http://127.0.0.1:5080"], document["servers"]!.AsArray().Select(s => (string)s!["url"]!));

        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://portal.example.com/" }));
        var configured = await DocumentAsync(host);
        Assert.Equal(["https://portal.example.com"], configured["servers"]!.AsArray().Select(s => (string)s!["url"]!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("portal.example.com")]
    [InlineData("ftp://portal.example.com")]
    [InlineData("https://portal.example.com/?x=1")]
    public async Task The_app_refuses_to_start_with_a_public_url_that_is_not_an_http_address(string url)
    {
        await using var host = new PortalHost(new Dictionary<string, string?> { ["Portal:PublicUrl"] = url });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        var validation = error as Microsoft.Extensions.Options.OptionsValidationException
            ?? error.InnerException as Microsoft.Extensions.Options.OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("PublicUrl", validation.Message);
    }

    private static async Task<JsonObject> DocumentAsync(PortalHost host)
    {
        using var client = host.CreateHttpClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
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
