using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

public sealed class TemplatesApiTests(SharedPortal portal)
{
    [Fact]
    public async Task Create_submit_list_and_delete_a_template()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var create = await api.KeyAsync("templates:create");
        var read = await api.KeyAsync("templates:read");
        var manage = await api.KeyAsync("templates:manage");

        var t = await api.OkJsonAsync(HttpMethod.Post, "/v1/templates",
            new { name = "order_shipped", language = "en_US", category = "Utility", body = "Hi {{1}}, order {{2}} shipped. {{1}}!" }, create, HttpStatusCode.Created);
        var id = (string)t["id"]!;
        Assert.Equal("draft", (string?)t["status"]);
        Assert.Equal(2, (int?)t["placeholder_count"]);
        Assert.Equal("utility", (string?)t["category"]);

        var submitted = await api.OkJsonAsync(HttpMethod.Post, $"/v1/templates/{id}/submit", key: create);
        Assert.Equal("pending", (string?)submitted["status"]);
        Assert.NotNull((string?)submitted["submitted_at"]);
        await (await api.SendAsync(HttpMethod.Post, $"/v1/templates/{id}/submit", key: create)).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");

        Assert.Equal("pending", (string?)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/templates/{id}", key: read))["status"]);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, "/v1/templates?status=pending", key: read))["data"]!.AsArray());
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/templates?status=draft", key: read))["data"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/v1/templates/{id}", key: manage)).StatusCode);
        await (await api.SendAsync(HttpMethod.Get, $"/v1/templates/{id}", key: read)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Delete, $"/v1/templates/{id}", key: manage)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Post, $"/v1/templates/{id}/submit", key: create)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Names_are_unique_per_language_and_placeholders_are_numbered_without_gaps()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        await api.CreateTemplateAsync("welcome", submit: false);
        await (await api.SendAsync(HttpMethod.Post, "/v1/templates", new { name = "welcome", language = "en", category = "utility", body = "Hi" }))
            .AssertErrorAsync(HttpStatusCode.Conflict, "TEMPLATE_EXISTS");
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/v1/templates", new { name = "welcome", language = "fr", category = "utility", body = "Salut" })).StatusCode);

        async Task Invalid(object body, string field)
        {
            var response = await api.SendAsync(HttpMethod.Post, "/v1/templates", body);
            await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            Assert.True((await response.JsonAsync())["details"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
        }
        await Invalid(new { name = "gap", language = "en", category = "utility", body = "Hi {{1}} and {{3}}" }, "body");
        await Invalid(new { name = "zero", language = "en", category = "utility", body = "Hi {{0}}" }, "body");
        await Invalid(new { name = "word", language = "en", category = "utility", body = "Hi {{name}}" }, "body");
        await Invalid(new { name = "long", language = "en", category = "utility", body = new string('x', 1025) }, "body");
        await Invalid(new { name = "Bad Name", language = "en", category = "utility", body = "Hi" }, "name");
        await Invalid(new { name = "lang", language = "english!", category = "utility", body = "Hi" }, "language");
        await Invalid(new { name = "cat", language = "en", category = "spam", body = "Hi" }, "category");
        await Invalid(new { language = "en", category = "utility", body = "Hi" }, "name");
        await (await api.SendAsync(HttpMethod.Get, "/v1/templates/nope")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
