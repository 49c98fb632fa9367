using System.Collections.Concurrent;
using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Auth;

/// <summary>
/// An instance that meets many users' access tokens with nothing in its memory or Redis (it started, or their entries
/// ended) reads their sessions, stamps and roles together, the misses that arrive while a statement is out going in the
/// next (GroupedLoad, docs/several-instances.md), instead of one statement per user and kind.
/// </summary>
public sealed class ColdUserLoadTests(ITestOutputHelper output)
{
    private const string WhoAmI = "/v1/developer-access/whoami";
    private const int Users = 100;

    [Fact]
    public async Task A_hundred_users_tokens_arriving_cold_on_another_instance_read_their_sessions_stamps_and_roles_together()
    {
        await using var a = await PortalHost.StartAsync(new PortalHost());
        var onA = a.CreateHttpClient();
        var tokens = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) => tokens.Add(await onA.AccessTokenAsync(await TestUser.CreateAsync(a))));

        // The same database, a Redis prefix of its own: nothing of these users is cached in either tier there.
        await using var b = await PortalHost.StartAsync(new PortalHost());
        var onB = b.CreateHttpClient();
        b.Queries.Clear();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (token, _) => statuses.Add((await onB.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

        var sessions = b.Queries.Count("FROM user_sessions");
        var users = b.Queries.Count("FROM \"AspNetUsers\"");
        output.WriteLine($"{Users} users' tokens, cold, 64 at a time: {sessions} session statements, {users} user statements (stamps and roles)");
        // One statement per user for each (100 and 200) before the loads were grouped.
        Assert.InRange(sessions, 1, Users / 4);
        Assert.InRange(users, 2, Users / 2);

        // Warm now: the same tokens again read nothing.
        b.Queries.Clear();
        await Parallel.ForEachAsync(tokens, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (token, _) => Assert.Equal(HttpStatusCode.OK, (await onB.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode));
        Assert.Equal(0, b.Queries.Count("FROM user_sessions"));
    }
}
