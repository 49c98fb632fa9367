using System.Diagnostics;
using Boltly.Tests.Infrastructure;
using Npgsql;

namespace Boltly.Tests.Platform.Scheduling;

/// <summary>The scheduler (docs/scheduled-work.md, ADR 0018): one instance at a time, on its interval across
/// instances and restarts, due on the <see cref="TimeProvider"/>'s time, leased on the database's clock.</summary>
public sealed class ScheduledJobRunnerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_instances_run_a_job_one_at_a_time_on_one_schedule()
    {
        var log = new ProbeJob.Log();
        var interval = TimeSpan.FromMilliseconds(200);
        var duration = TimeSpan.FromMilliseconds(300);
        // A short lease, so a run left by the instance that stops below is free again within seconds.
        var lease = new Dictionary<string, string?> { ["Scheduling:LeaseSeconds"] = "3" };
        await using var a = await PortalHost.StartAsync(new JobHost(_database.ConnectionString, new ProbeJob(log, "a", interval, duration), lease));
        await using var b = await PortalHost.StartAsync(new JobHost(_database.ConnectionString, new ProbeJob(log, "b", interval, duration), lease));
        // Counted from now, when both are up (a ran alone while b started).
        var before = log.Runs.Count;
        var watch = Stopwatch.StartNew();

        while (log.Runs.Count - before < 10 && watch.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        var elapsed = watch.Elapsed;
        var runs = log.Runs.Skip(before).ToArray();
        output.WriteLine($"{runs.Length} runs in {elapsed.TotalSeconds:F1} s: a {runs.Count(r => r == "a")}, b {runs.Count(r => r == "b")}; at most {log.MaxRunning} at once");

        Assert.True(runs.Length >= 10, $"only {runs.Length} runs in {elapsed.TotalSeconds:F1} s");
        Assert.Equal(1, log.MaxRunning);
        // One schedule for both: a run and an interval each, never one per instance.
        Assert.True(runs.Length <= elapsed / (interval + duration) + 2, $"{runs.Length} runs in {elapsed.TotalSeconds:F1} s");
        // Which instance wins each claim is not a rule (either may); that the other carries on when one is gone is.
        await a.DisposeAsync();
        var afterA = log.Runs.Count;
        var takeover = Stopwatch.StartNew();
        while (!log.Runs.Skip(afterA).Contains("b") && takeover.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50);
        Assert.Contains("b", log.Runs.Skip(afterA));
        Assert.Equal(1, log.MaxRunning);
    }

    [Fact]
    public async Task A_job_runs_when_the_clock_reaches_its_time_and_its_schedule_survives_a_restart()
    {
        var log = new ProbeJob.Log();
        var hourly = TimeSpan.FromHours(1);
        await using (var first = await PortalHost.StartAsync(new JobHost(_database.ConnectionString, new ProbeJob(log, "first", hourly, TimeSpan.Zero))))
        {
            await WaitForRunsAsync(log, 1);   // a new job is due at once
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Single(log.Runs);          // and then not for an hour
            first.Clock.Advance(hourly + TimeSpan.FromMinutes(1));
            await WaitForRunsAsync(log, 2);
        }

        // A new process: the schedule is the database's, so the job is not due again at start.
        await using var second = await PortalHost.StartAsync(new JobHost(_database.ConnectionString, new ProbeJob(log, "second", hourly, TimeSpan.Zero)));
        second.Clock.Advance(hourly + TimeSpan.FromMinutes(1));   // where the first host's clock was
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, log.Runs.Count);
        second.Clock.Advance(hourly + TimeSpan.FromMinutes(1));
        await WaitForRunsAsync(log, 3);
        Assert.Equal(["first", "first", "second"], log.Runs.ToArray());
    }

    [Fact]
    public async Task A_runner_whose_clock_runs_a_day_ahead_leaves_a_run_held_by_another_until_its_lease_ends_on_the_database_clock()
    {
        var log = new ProbeJob.Log();
        // Due, and claimed by another instance that is still running it: its lease ends in 120 s on the database's clock.
        await ExecuteAsync($"""
            INSERT INTO scheduled_jobs (name, next_run_at, locked_until, locked_by)
            VALUES ('{log.Name}', clock_timestamp() - interval '1 minute', clock_timestamp() + interval '120 seconds', 'other-host/1/live')
            """);
        await using var host = await PortalHost.StartAsync(new JobHost(_database.ConnectionString,
            new ProbeJob(log, "skewed", TimeSpan.FromHours(1), TimeSpan.FromSeconds(3))));

        // This instance's clock runs a day ahead: the other's lease still holds, judged on the database's clock.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(log.Runs);

        // The other instance's lease runs out: this one takes the run, and leases it on the database's clock, not its own.
        await ExecuteAsync($"UPDATE scheduled_jobs SET locked_until = clock_timestamp() - interval '1 second' WHERE name = '{log.Name}'");
        await WaitForRunsAsync(log, 1);
        var leaseLeft = await ScalarAsync<double>(
            $"SELECT extract(epoch FROM locked_until - clock_timestamp())::float8 FROM scheduled_jobs WHERE name = '{log.Name}'");
        output.WriteLine($"lease left while running: {leaseLeft:F1} s");
        Assert.InRange(leaseLeft, 1, 60);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitForRunsAsync(ProbeJob.Log log, int count)
    {
        var watch = Stopwatch.StartNew();
        while (log.Runs.Count < count)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{log.Runs.Count} of {count} runs");
            await Task.Delay(50);
        }
    }
}
