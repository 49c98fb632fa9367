using System.Net;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Hardening;

/// <summary>A send writes its recipients in batches, one transaction each, and finishes a send cut short
/// without a second message for anyone.</summary>
public sealed class BroadcastBatchTests
{
    [Fact]
    public async Task A_send_goes_in_batches_and_resumes_where_a_cut_short_send_stopped()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Broadcasts:SendBatchSize"] = "2" }));
        var api = await PublicApiClient.CreateAsync(host);
        var contacts = new List<string>();
        for (var i = 0; i < 5; i++) contacts.Add(await api.CreateContactAsync(PublicApiClient.Phone(), "vip"));
        var template = await api.CreateTemplateAsync("promo", submit: true);
        var broadcast = Guid.Parse(await api.CreateBroadcastAsync(template, "vip"));

        // A previous send died after its first batch: the first recipient (in id order) already has its message.
        var first = contacts.Select(Guid.Parse).Order().First();
        var conversation = Guid.Parse(await api.StartConversationAsync(first.ToString()));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(api.User.AccountId);
            db.Messages.Add(new Message
            {
                ConversationId = conversation, ContactId = first, BroadcastId = broadcast, Direction = MessageDirection.Outbound,
                Body = "Hello Ada, your code is 42", Status = MessageStatus.Queued, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        host.Queries.Clear();
        var metrics = await api.OkJsonAsync(HttpMethod.Post, $"/v1/broadcasts/{broadcast}/send");
        Assert.Equal(5, (int?)metrics["recipients"]);
        Assert.Equal(5, (int?)metrics["queued"]);
        Assert.Equal("sent", (string?)metrics["status"]);
        // 4 recipients left in batches of 2: two full batches and an empty one that ends the send.
        Assert.Equal(3, host.Queries.Count("FOR UPDATE"));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(api.User.AccountId);
            var perContact = await db.Messages.Where(m => m.BroadcastId == broadcast).GroupBy(m => m.ContactId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(5, perContact.Count);
            Assert.All(perContact, n => Assert.Equal(1, n));
        }
        await (await api.SendAsync(HttpMethod.Post, $"/v1/broadcasts/{broadcast}/send")).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
    }
}
