using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>A leak reported on one instance is refused on another within a second: the revocation's own path (Redis pub/sub).</summary>
[Collection(TimingSensitive.Name)]
public sealed class LeakAcrossInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_key_reported_on_instance_A_is_refused_on_instance_B_within_a_second()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var jwt = (string)(await clientA.LoginAsync(await TestUser.CreateAsync(a)))["access_token"]!;
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        // B has the key in its memory and in Redis: the report must evict it, not wait for the cache to age.
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        // Measured from the moment the report is sent.
        var clock = Stopwatch.StartNew();
        var report = await clientA.PostAsJsonAsync("/v1/developer-access/leaked-keys/report", new { key = key.Secret });
        var answered = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        HttpStatusCode status;
        do
        {
            status = (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode;
            if (status == HttpStatusCode.Unauthorized) break;
            await Task.Delay(5);
        } while (clock.Elapsed < TimeSpan.FromSeconds(5));

        output.WriteLine($"leak reported on A, key refused on B {clock.Elapsed.TotalMilliseconds:F0} ms after the report was sent " +
            $"(the report itself took {answered.TotalMilliseconds:F0} ms)");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
