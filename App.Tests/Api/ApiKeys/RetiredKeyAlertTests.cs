using System.Net;
using Boltly.Platform.Scheduling;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>A retired key still tried (API.md "API key lifecycle, more precisely"): the usual 401, and the first try per
/// key per day is one security event and one mail, however many instances see it.</summary>
[Collection(TimingSensitive.Name)]
public sealed class RetiredKeyAlertTests
{
    [Fact]
    public async Task A_revoked_key_tried_on_two_instances_in_a_day_is_one_security_event_and_one_mail_naming_the_address()
    {
        var deployment = PortalHost.NewRedisPrefix();
        var proxied = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };
        await using var a = await PortalHost.StartAsync(new PortalHost(proxied, redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(proxied, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.NoContent,
            (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);

        foreach (var (client, address) in new[] { (clientA, "198.51.100.23"), (clientB, "198.51.100.24"), (clientA, "198.51.100.25") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
            request.Headers.Add("X-API-Key", key.Secret);
            request.Headers.Add("X-Forwarded-For", address);
            await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            // Two instances at once would race for the day's row; one after the other, the first one's answer is final.
            await Task.Delay(1500);
        }

        using var inbox = new MailInbox();
        await RetiredKeyMailsAsync(inbox, user.Email, wait: true);
        // Long enough for both instances' alarms to have flushed several times: still one.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var mail = Assert.Single(await RetiredKeyMailsAsync(inbox, user.Email, wait: false));
        Assert.Contains(key.Prefix, mail.Subject);
        var text = await inbox.PlainTextAsync(mail.Id);
        Assert.Contains("198.51.100.23", text);
        Assert.DoesNotContain(key.Secret[16..], text);

        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.AccountId == user.AccountId && e.Type == "retired_key_used").ToListAsync();
        var recorded = Assert.Single(events);
        Assert.Equal("198.51.100.23", recorded.ClientAddress);
        Assert.Equal(key.Id, recorded.ActorId);
    }

    [Fact]
    public async Task A_rolled_key_tried_after_its_grace_is_refused_and_alerted()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.Created, (await KeyRollTests.RollAsync(client, jwt, key.Id, new { grace_seconds = 60 })).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(61));

        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        using var inbox = new MailInbox();
        var mail = Assert.Single(await RetiredKeyMailsAsync(inbox, user.Email, wait: true));
        Assert.Contains("grace ended", await inbox.PlainTextAsync(mail.Id));
    }

    [Fact]
    public async Task An_alert_row_is_kept_through_the_next_day_and_purged_after_it()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var inbox = new MailInbox();
        Assert.Single(await RetiredKeyMailsAsync(inbox, user.Email, wait: true));
        Assert.Equal(1, await AlertRowsAsync(host, key.Id));

        var purge = host.Services.GetServices<IScheduledJob>().OfType<RetiredKeyAlertPurge>().Single();
        host.Clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = host.Services.CreateAsyncScope()) await purge.RunAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Equal(1, await AlertRowsAsync(host, key.Id));
        host.Clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = host.Services.CreateAsyncScope()) await purge.RunAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Equal(0, await AlertRowsAsync(host, key.Id));
    }

    private static async Task<int> AlertRowsAsync(PortalHost host, Guid keyId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().RetiredKeyAlerts.CountAsync(a => a.ApiKeyId == keyId);
    }

    /// <summary>The retired-key mails to <paramref name="to"/> (the user also gets a new sign-in mail), waiting up to 20 s for one.</summary>
    private static async Task<List<(string Id, string Subject)>> RetiredKeyMailsAsync(MailInbox inbox, string to, bool wait)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mails = (await inbox.MessagesToAsync(to)).Where(m => m.Subject.Contains("retired API key", StringComparison.Ordinal)).ToList();
            if (mails.Count > 0 || !wait) return mails;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "no retired-key mail within 20 s");
            await Task.Delay(200);
        }
    }
}
