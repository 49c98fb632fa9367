using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

public sealed class BroadcastsApiTests(SharedPortal portal)
{
    [Fact]
    public async Task Send_queues_one_message_per_recipient_records_metrics_and_retry_requeues_failed()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var create = await api.KeyAsync("broadcasts:create");
        var send = await api.KeyAsync("broadcasts:send");
        var read = await api.KeyAsync("broadcasts:read");
        var vip1 = await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var vip2 = await api.CreateContactAsync(PublicApiClient.Phone(), "vip", "beta");
        await api.CreateContactAsync(PublicApiClient.Phone(), "beta-no");
        var existing = await api.StartConversationAsync(vip1);
        var template = await api.CreateTemplateAsync("promo", submit: true);

        var broadcast = await api.OkJsonAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Spring", template_id = template, audience_tags = new[] { "VIP" }, variables = new[] { "Ada", "SPRING" } }, create, HttpStatusCode.Created);
        var id = (string)broadcast["id"]!;
        Assert.Equal("draft", (string?)broadcast["status"]);

        var metrics = await api.OkJsonAsync(HttpMethod.Post, $"/v1/broadcasts/{id}/send", key: send);
        Assert.Equal(2, (int?)metrics["recipients"]);
        Assert.Equal(2, (int?)metrics["queued"]);
        Assert.Equal(0, (int?)metrics["sent"]);
        Assert.Equal(0, (int?)metrics["failed"]);
        Assert.Equal("sent", (string?)metrics["status"]);
        await (await api.SendAsync(HttpMethod.Post, $"/v1/broadcasts/{id}/send", key: send)).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");

        // The message lands in the existing conversation, rendered from the template.
        var messages = await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{existing}/messages");
        Assert.Equal("Hello Ada, your code is SPRING", (string?)messages["data"]![0]!["body"]);
        Assert.Equal(2, (await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations"))["data"]!.AsArray().Count);

        // Delivery happens outside the product; simulate a carrier failure for one recipient.
        await using (var scope = portal.Host.Services.CreateAsyncScope())
        {
            var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using var db = await contexts.CreateForAccountAsync(api.User.AccountId);
            var failedId = Guid.Parse(vip2);
            await db.Messages.Where(m => m.ContactId == failedId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, "failed"));
        }
        var afterFailure = await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{id}/metrics", key: read);
        Assert.Equal(1, (int?)afterFailure["failed"]);
        Assert.Equal(1, (int?)afterFailure["queued"]);

        var retried = await api.OkJsonAsync(HttpMethod.Post, $"/v1/broadcasts/{id}/retry", key: send);
        Assert.Equal(0, (int?)retried["failed"]);
        Assert.Equal(2, (int?)retried["queued"]);
        Assert.Equal(2, (int?)retried["recipients"]);
        Assert.Equal("sent", (string?)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{id}", key: read))["status"]);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, "/v1/broadcasts", key: read))["data"]!.AsArray());

        // The template is in use now.
        await (await api.SendAsync(HttpMethod.Delete, $"/v1/templates/{template}")).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
    }

    [Fact]
    public async Task Broadcast_validation_scheduling_and_not_found()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var draft = await api.CreateTemplateAsync("draft_one", submit: false);
        var ready = await api.CreateTemplateAsync("ready_one", submit: true);

        async Task Invalid(object body, string field)
        {
            var response = await api.SendAsync(HttpMethod.Post, "/v1/broadcasts", body);
            await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            Assert.True((await response.JsonAsync())["details"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
        }
        await Invalid(new { name = "x", template_id = draft, audience_tags = new[] { "vip" }, variables = new[] { "a", "b" } }, "template_id");
        await Invalid(new { name = "x", template_id = Guid.NewGuid(), audience_tags = new[] { "vip" } }, "template_id");
        await Invalid(new { name = "x", template_id = ready, audience_tags = Array.Empty<string>(), variables = new[] { "a", "b" } }, "audience_tags");
        await Invalid(new { name = "x", template_id = ready, audience_tags = new[] { "vip" }, variables = new[] { "a" } }, "variables");
        await Invalid(new { name = "", template_id = ready, audience_tags = new[] { "vip" }, variables = new[] { "a", "b" } }, "name");
        await Invalid(new { name = "x", template_id = ready, audience_tags = new[] { "vip" }, variables = new[] { "a", "b" }, scheduled_at = DateTimeOffset.UtcNow.AddMinutes(-1) }, "scheduled_at");

        var scheduled = await api.OkJsonAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Later", template_id = ready, audience_tags = new[] { "vip" }, variables = new[] { "a", "b" }, scheduled_at = DateTimeOffset.UtcNow.AddDays(1) },
            expected: HttpStatusCode.Created);
        Assert.Equal("scheduled", (string?)scheduled["status"]);
        await (await api.SendAsync(HttpMethod.Post, $"/v1/broadcasts/{scheduled["id"]}/retry")).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
        // No contact carries the tag: the send records zero recipients.
        Assert.Equal(0, (int?)(await api.OkJsonAsync(HttpMethod.Post, $"/v1/broadcasts/{scheduled["id"]}/send"))["recipients"]);

        var missing = Guid.NewGuid();
        foreach (var (method, path) in new[] { ("GET", $"/v1/broadcasts/{missing}"), ("GET", $"/v1/broadcasts/{missing}/metrics"),
                     ("POST", $"/v1/broadcasts/{missing}/send"), ("POST", $"/v1/broadcasts/{missing}/retry"), ("GET", "/v1/broadcasts/xyz") })
            await (await api.SendAsync(new HttpMethod(method), path)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
