using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Faults;

/// <summary>
/// PostgreSQL stopped under a running app (a cluster of the test's own): everything that needs the
/// database answers 503 in the contract's JSON, a key validated less than 60 s ago keeps working, and
/// after the restart the same process serves again with every row written before the outage intact, also
/// when the database stopped as a crash stops it (pg_ctl -m immediate) while writers were busy.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stopped_database_answers_503_keeps_warm_keys_and_recovers_without_a_restart()
    {
        await using var postgres = new DedicatedPostgres();
        await postgres.StartNewAsync();
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var login = await client.LoginAsync(user);
        var jwt = (string)login["access_token"]!;
        var refresh = (string)login["refresh_token"]!;
        var warm = await client.CreateKeyAsync(jwt, ["contacts:read", "contacts:write"], name: "warm");
        var toRevoke = await client.CreateKeyAsync(jwt, ["contacts:read"], name: "to revoke");
        var created = await client.SendWithKeyAsync(HttpMethod.Post, "/v1/contacts", warm.Secret,
            new { phone = "+14155550142", name = "Written before the outage" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contactId = (string)(await created.JsonAsync())["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", warm.Secret)).StatusCode);

        var dashboardForm = await DashboardSignIn.OpenFormAsync(client);

        // Writers busy when the database stops: each contact answered 201 must be there after the
        // restart, and no request may answer anything but 201 or 503.
        var written = new System.Collections.Concurrent.ConcurrentBag<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var serial = 0;
        using var stopWriting = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var refusedInARow = 0;
            while (!stopWriting.IsCancellationRequested && refusedInARow < 3)
            {
                var n = Interlocked.Increment(ref serial);
                var response = await client.SendWithKeyAsync(HttpMethod.Post, "/v1/contacts", warm.Secret,
                    new { phone = $"+1415556{n:D4}", name = $"Busy writer {n}" });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Created) { written.Add((string)(await response.JsonAsync())["id"]!); refusedInARow = 0; }
                else refusedInARow++;
            }
        })).ToList();
        while (written.Count < 20) await Task.Delay(10);

        // Stopped as a crash stops it, mid-write: every 201 must survive (the cluster is durable).
        await postgres.CrashAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{written.Count} contacts written by busy writers before the outage; answers: " +
            string.Join(", ", statuses.GroupBy(x => x).Select(g => $"{(int)g.Key} × {g.Count()}")));
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));

        // Everything that needs the database: 503 SERVICE_UNAVAILABLE, in the contract's JSON.
        await (await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password }))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await (await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = refresh }))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt, new { name = "during", scopes = new[] { "contacts:read" } }))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{toRevoke.Id}", jwt))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await (await client.GetWithKeyAsync($"/v1/contacts/{contactId}", warm.Secret))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await (await client.SendWithKeyAsync(HttpMethod.Post, "/v1/contacts", warm.Secret, new { phone = "+14155550143", name = "During" }))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        // The dashboard's sign-in form: a 503 "try again" page, not a 500.
        var dashboardSignIn = await DashboardSignIn.SubmitAsync(client, dashboardForm, user);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dashboardSignIn.StatusCode);
        Assert.DoesNotContain("boltly.session=", string.Join(";", dashboardSignIn.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));
        // A key never seen by this instance cannot be checked: 503, never a pass.
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", ApiKeyFormat.Generate().Secret))
            .AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        // The key validated a moment ago still works, from the cache.
        var whoami = await client.GetWithKeyAsync("/v1/developer-access/whoami", warm.Secret);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal(warm.Prefix, (string?)(await whoami.JsonAsync())["api_key"]!["prefix"]);
        var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await postgres.StartAsync();

        // The same process serves again: no restart. Pooled connections cut by the shutdown must not
        // surface as errors once the server is back.
        var clock = Stopwatch.StartNew();
        HttpResponseMessage relogin;
        do
        {
            relogin = await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
            if (relogin.StatusCode == HttpStatusCode.OK) break;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, relogin.StatusCode);
            await Task.Delay(200);
        } while (clock.Elapsed < TimeSpan.FromSeconds(30));
        output.WriteLine($"sign-in answered 200 again {clock.ElapsedMilliseconds} ms after the restart");
        Assert.Equal(HttpStatusCode.OK, relogin.StatusCode);
        for (var i = 0; i < 10; i++)
        {
            var contact = await client.GetWithKeyAsync($"/v1/contacts/{contactId}", warm.Secret);
            Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
            Assert.Equal("Written before the outage", (string?)(await contact.JsonAsync())["name"]);
        }
        foreach (var id in written)
            Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync($"/v1/contacts/{id}", warm.Secret)).StatusCode);
        DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user));
        var refreshed = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = refresh });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{toRevoke.Id}", jwt)).StatusCode);
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", toRevoke.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var list = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", jwt)).JsonAsync();
        var names = list["data"]!.AsArray().Select(k => (string?)k!["name"]).ToList();
        Assert.Contains("warm", names);
        Assert.Contains("to revoke", names);
        Assert.DoesNotContain("during", names);

        // Usage noted during the outage is written once the database is back.
        Assert.True(await host.Services.GetRequiredService<ApiKeyUsageTracker>().FlushAsync() >= 1);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
