using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Cluster;

/// <summary>A removed member is refused everywhere within a second: their dashboard cookie and their access token, on the
/// instance that removed them and on the other one (two processes, docs/members.md).</summary>
[Collection(TimingSensitive.Name)]
public sealed class MemberRemovalClusterTests(LoadBalancedCluster cluster, SharedPortal portal) : IClassFixture<LoadBalancedCluster>
{
    [Fact]
    public async Task A_removed_members_cookie_and_tokens_are_refused_on_both_instances_within_a_second()
    {
        var owner = await TestUser.CreateAsync(portal.Host);
        var member = await TestMembers.AddAsync(portal.Host, owner.AccountId, MemberRoles.Developer);
        using var a = cluster.Client(cluster.InstanceA);
        using var b = cluster.Client(cluster.InstanceB);
        var ownerToken = await a.AccessTokenAsync(owner);
        var memberToken = await b.AccessTokenAsync(member);
        var form = await DashboardSignIn.OpenFormAsync(b);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(b, form, member));

        // Both credentials work on both instances before (and warm each instance's caches).
        foreach (var instance in new[] { a, b })
        {
            Assert.Equal(HttpStatusCode.OK, (await instance.SendWithBearerAsync(HttpMethod.Get, "/v1/account/members", memberToken)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PageAsync(instance, cookie)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await a.SendWithBearerAsync(HttpMethod.Delete, $"/v1/account/members/{member.UserId}", ownerToken)).StatusCode);
        var removedAt = Stopwatch.StartNew();
        foreach (var instance in new[] { a, b })
        {
            while (true)
            {
                var api = await instance.SendWithBearerAsync(HttpMethod.Get, "/v1/account/members", memberToken);
                var page = await PageAsync(instance, cookie);
                if (api.StatusCode == HttpStatusCode.Unauthorized && page.StatusCode == HttpStatusCode.Redirect) break;
                Assert.True(removedAt.Elapsed < TimeSpan.FromSeconds(1),
                    $"{instance.BaseAddress}: still {(int)api.StatusCode} (API) and {(int)page.StatusCode} (dashboard) after {removedAt.ElapsedMilliseconds} ms");
                await Task.Delay(25);
            }
        }
        Assert.True(removedAt.Elapsed < TimeSpan.FromSeconds(1), $"{removedAt.ElapsedMilliseconds} ms");

        // And they cannot sign in again.
        var again = await b.PostAsJsonAsync("/v1/auth/login", new { email = member.Email, password = member.Password });
        await again.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    private static Task<HttpResponseMessage> PageAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/members");
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }
}
