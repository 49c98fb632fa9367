using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>Enum-like query filters take only their documented values; anything else is 400 naming the parameter, never an empty page.</summary>
public sealed class QueryFilterTests(SharedPortal portal)
{
    [Theory]
    [InlineData("/v1/messages", "status", "Queued")]
    [InlineData("/v1/messages", "status", "pending")]
    [InlineData("/v1/messages", "status", "queued,sent")]
    [InlineData("/v1/messages", "direction", "out")]
    [InlineData("/v1/messages", "direction", "OUTBOUND")]
    [InlineData("/v1/templates", "status", "approved ")]
    [InlineData("/v1/templates", "status", "sent")]
    [InlineData("/v1/conversations", "status", "archived")]
    public async Task An_unknown_filter_value_is_400_naming_the_parameter_and_its_values(string list, string parameter, string value)
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("inbox:read", "templates:read");
        foreach (var credential in new[] { key, null })
        {
            var response = await api.SendAsync(HttpMethod.Get, $"{list}?{parameter}={Uri.EscapeDataString(value)}", key: credential);
            await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            var details = (await response.JsonAsync())["details"]!.AsObject();
            Assert.Equal([parameter], details.Select(d => d.Key).ToArray());
            Assert.Contains("is one of:", (string)details[parameter]![0]!);
        }
    }

    [Fact]
    public async Task Both_bad_message_filters_are_reported_together_and_a_malformed_contact_id_is_400()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var both = await api.SendAsync(HttpMethod.Get, "/v1/messages?direction=sideways&status=lost");
        await both.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await both.JsonAsync())["details"]!.AsObject();
        Assert.Equal(["direction", "status"], details.Select(d => d.Key).Order().ToArray());

        var badContact = await api.SendAsync(HttpMethod.Get, "/v1/conversations?contact_id=not-a-guid");
        await badContact.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await badContact.JsonAsync())["details"]!.AsObject().ContainsKey("contact_id"));
    }

    [Fact]
    public async Task Every_documented_value_filters()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var contact = await api.CreateContactAsync(PublicApiClient.Phone());
        var conversation = await api.StartConversationAsync(contact);
        await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{conversation}/messages", new { body = "Hi" }, expected: HttpStatusCode.Created);
        await api.CreateTemplateAsync("draft_one", submit: false);

        int Count(System.Text.Json.Nodes.JsonObject page) => page["data"]!.AsArray().Count;
        foreach (var status in new[] { "queued", "sent", "delivered", "failed", "received" })
            Assert.Equal(status == "queued" ? 1 : 0, Count(await api.OkJsonAsync(HttpMethod.Get, $"/v1/messages?status={status}")));
        Assert.Equal(1, Count(await api.OkJsonAsync(HttpMethod.Get, "/v1/messages?direction=outbound&status=queued")));
        Assert.Equal(0, Count(await api.OkJsonAsync(HttpMethod.Get, "/v1/messages?direction=inbound")));
        foreach (var status in new[] { "draft", "pending", "approved", "rejected" })
            Assert.Equal(status == "draft" ? 1 : 0, Count(await api.OkJsonAsync(HttpMethod.Get, $"/v1/templates?status={status}")));
        Assert.Equal(1, Count(await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations?status=open")));
        Assert.Equal(0, Count(await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations?status=closed")));
        // An empty value is no filter.
        Assert.Equal(1, Count(await api.OkJsonAsync(HttpMethod.Get, "/v1/messages?status=")));
    }
}
