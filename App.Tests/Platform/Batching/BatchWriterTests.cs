using Boltly.Platform.Redis;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Boltly.Tests.Platform.Batching;

/// <summary>
/// The platform's batch writer (docs/scheduled-work.md) through two of its writers: sessions' last use against real
/// PostgreSQL (on a database of the test's own, so a failing write can be caused by the schema) and usage counts
/// against a real Redis that goes down and comes back.
/// </summary>
public sealed class BatchWriterTests : IAsyncLifetime
{
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_use_is_written_on_the_interval_without_anyone_flushing()
    {
        await using var host = await StartHostAsync(flushSeconds: 1);
        var (sessionId, expected) = await TouchedSessionAsync(host);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await LastSeenAsync(sessionId) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, "the use was never written");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Stopping_the_host_writes_what_is_still_in_memory()
    {
        var host = await StartHostAsync(flushSeconds: 3600);
        var (sessionId, expected) = await TouchedSessionAsync(host);
        Assert.NotEqual(expected, await LastSeenAsync(sessionId));

        await host.DisposeAsync();

        Assert.Equal(expected, await LastSeenAsync(sessionId));
    }

    [Fact]
    public async Task A_failing_write_keeps_its_batch_and_the_next_flush_writes_it_once()
    {
        await using var host = await StartHostAsync(flushSeconds: 3600);
        var tracker = host.Services.GetRequiredService<SessionActivityTracker>();
        var (sessionId, expected) = await TouchedSessionAsync(host);

        await ExecuteAsync("ALTER TABLE user_sessions RENAME COLUMN last_seen_at TO last_seen_at_away");
        try { await Assert.ThrowsAnyAsync<PostgresException>(() => tracker.FlushAsync(TestContext.Current.CancellationToken)); }
        finally { await ExecuteAsync("ALTER TABLE user_sessions RENAME COLUMN last_seen_at_away TO last_seen_at"); }

        Assert.Equal(1, await tracker.FlushAsync(TestContext.Current.CancellationToken));
        Assert.Equal(expected, await LastSeenAsync(sessionId));
        Assert.Equal(0, await tracker.FlushAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Usage_counted_while_Redis_is_down_arrives_once_when_it_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(
            $"{redis.ConnectionString},abortConnect=false,connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000,connectRetry=1");
        const string prefix = "batch-writer-test:";
        var counter = new UsageCounter(connection, Options.Create(new UsageOptions()), Options.Create(new RedisOptions { KeyPrefix = prefix }),
            TimeProvider.System, NullLogger<UsageCounter>.Instance);
        var keyMinute = new KeyMinute(Guid.NewGuid(), Guid.NewGuid(), KeyMinute.MinuteOf(DateTimeOffset.UtcNow));
        var at = KeyMinute.StartOf(keyMinute.Minute).AddSeconds(1);

        await redis.KillAsync();
        for (var i = 0; i < 3; i++) counter.Record(keyMinute.AccountId, keyMinute.KeyId, UsageOutcome.Success, at);
        for (var i = 0; i < 2; i++) counter.Record(keyMinute.AccountId, keyMinute.KeyId, UsageOutcome.Revoked, at);
        Assert.Equal(0, await counter.FlushAsync(ct));   // failed: the batch is kept

        await redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await counter.FlushAsync(ct) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the kept batch was never sent");
            await Task.Delay(200, ct);
        }
        Assert.Equal(0, await counter.FlushAsync(ct));   // nothing twice

        var totals = (await connection.GetDatabase().HashGetAllAsync(keyMinute.RedisKey(prefix))).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(3, totals["success"]);
        Assert.Equal(2, totals["revoked"]);
        Assert.Equal(2, totals.Count);
    }

    private async Task<PortalHost> StartHostAsync(int flushSeconds) => await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
        ["Sessions:ActivityFlushSeconds"] = flushSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }));

    /// <summary>A session, used ten minutes after it started (so its stored last use is older); the minute expected.</summary>
    private static async Task<(Guid SessionId, DateTimeOffset Minute)> TouchedSessionAsync(PortalHost host)
    {
        var user = await TestUser.CreateAsync(host);
        var sessionId = (await user.SignedInCallerAsync(host)).SessionId!.Value;
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        host.Services.GetRequiredService<SessionActivityTracker>().Touch(sessionId);
        var now = host.Clock.GetUtcNow();
        return (sessionId, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero));
    }

    private async Task<DateTimeOffset?> LastSeenAsync(Guid sessionId)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT last_seen_at FROM user_sessions WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", sessionId);
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
