using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>A scheduled broadcast is sent at its time, once, by whichever of two instances runs the job
/// (docs/scheduled-work.md); the clocks are moved, not waited for.</summary>
public sealed class ScheduledBroadcastTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_scheduled_broadcast_is_sent_once_at_its_time_with_two_instances_running()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["Scheduling:Enabled"] = "true",
            ["Broadcasts:ScheduleCheckSeconds"] = "1",
        };
        var prefix = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(settings, redisPrefix: prefix));
        await using var b = await PortalHost.StartAsync(new PortalHost(settings, redisPrefix: prefix));
        var api = await PublicApiClient.CreateAsync(a);
        var key = await api.KeyAsync("broadcasts:create", "broadcasts:read");
        var vips = new[] { await api.CreateContactAsync(PublicApiClient.Phone(), "vip"), await api.CreateContactAsync(PublicApiClient.Phone(), "vip") };
        await api.CreateContactAsync(PublicApiClient.Phone(), "other");
        var template = await api.CreateTemplateAsync("later", submit: true);
        var at = a.Clock.GetUtcNow().AddMinutes(10);

        var created = await api.OkJsonAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Later", template_id = template, audience_tags = new[] { "vip" }, variables = new[] { "Ada", "LATER" }, scheduled_at = at },
            key, HttpStatusCode.Created);
        var id = Guid.Parse((string)created["id"]!);

        // The job runs every second on one of the two; before the time it sends nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("scheduled", (string?)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{id}", key: key))["status"]);
        Assert.Equal(0, await MessagesAsync(a, api.User.AccountId, id));

        a.Clock.Advance(TimeSpan.FromMinutes(11));
        b.Clock.Advance(TimeSpan.FromMinutes(11));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((string?)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{id}", key: key))["status"] != "sent")
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduled broadcast was not sent");
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));   // more runs on both instances: nothing is sent twice

        var broadcast = await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{id}", key: key);
        output.WriteLine(broadcast.ToJsonString());
        Assert.Equal(2, (int?)broadcast["recipient_count"]);
        Assert.True(DateTimeOffset.Parse((string)broadcast["sent_at"]!, System.Globalization.CultureInfo.InvariantCulture) >= at);
        Assert.Equal(2, await MessagesAsync(a, api.User.AccountId, id));
        await using var scope = a.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateForAccountAsync(api.User.AccountId);
        var recipients = await db.Messages.Where(m => m.BroadcastId == id).Select(m => m.ContactId).ToListAsync();
        Assert.Equal(vips.Select(Guid.Parse).Order(), recipients.Order());
    }

    private static async Task<int> MessagesAsync(PortalHost host, Guid accountId, Guid broadcastId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateForAccountAsync(accountId);
        return await db.Messages.CountAsync(m => m.BroadcastId == broadcastId);
    }
}
