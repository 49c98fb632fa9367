using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Scheduling;

/// <summary>
/// Runs every registered <see cref="IScheduledJob"/> on one instance at a time (docs/scheduled-work.md,
/// ADR 0018). Each job has a <c>scheduled_jobs</c> row; an instance runs the job only after a conditional
/// UPDATE of that row took the lease (due, and nobody's lease running), so of many instances polling, one
/// wins each run. The lease is renewed while the job runs; when the run ends the row gets its next time,
/// measured from the end, by <see cref="TimeProvider"/> (tests move it). Leases are set and judged on the
/// database's clock (<c>clock_timestamp()</c>), the one clock every instance shares: an instance whose clock runs
/// ahead must not take a run another instance still holds (ADR 0018, amended). When a job is due stays the
/// application's: its schedule is the product's, and a job run early by a skewed instance is a repeat, which
/// every job is written to bear, never two runs at once.
/// </summary>
public sealed partial class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> contexts, IOptions<SchedulingOptions> options, TimeProvider clock,
    ILogger<ScheduledJobRunner> logger) : BackgroundService
{
    private const int LeaseRenewalsPerLease = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var all = jobs.ToList();
        if (!options.Value.Enabled || all.Count == 0) return;
        var duplicate = all.GroupBy(j => j.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two scheduled jobs are named {duplicate.Key}.");
        await Task.WhenAll(all.Select(job => RunLoopAsync(job, stoppingToken)));
    }

    private async Task RunLoopAsync(IScheduledJob job, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);
        var registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!registered) registered = await RegisterAsync(job, stoppingToken);
                if (await TryClaimAsync(job, stoppingToken) is { } claim) await RunAsync(job, claim, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, ex, job.Name);
            }
            await Task.Delay(poll, clock, stoppingToken);
        }
    }

    /// <summary>The job's row, made once by whichever instance starts first: a new job is due at once.</summary>
    private async Task<bool> RegisterAsync(IScheduledJob job, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            INSERT INTO scheduled_jobs (name, next_run_at) VALUES ({job.Name}, {clock.GetUtcNow()}) ON CONFLICT (name) DO NOTHING
            """, ct);
        return true;
    }

    private async Task<string?> TryClaimAsync(IScheduledJob job, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claim = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One statement decides: PostgreSQL re-checks the WHERE on the row it locks, so of two instances
        // updating at once the second sees the first's lease and updates nothing.
        var claimed = await db.Database.ExecuteSqlAsync($"""
            -- boltly:background
            UPDATE scheduled_jobs SET locked_until = clock_timestamp() + make_interval(secs => {LeaseSeconds}), locked_by = {claim},
                last_started_at = {now}
            WHERE name = {job.Name} AND next_run_at <= {now} AND (locked_until IS NULL OR locked_until <= clock_timestamp())
            """, ct);
        return claimed == 1 ? claim : null;
    }

    // The lease's length as SQL's make_interval takes it (double precision seconds).
    private double LeaseSeconds => options.Value.LeaseSeconds;

    private async Task RunAsync(IScheduledJob job, string claim, CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewLeaseAsync(job, claim, running.Token);
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await job.RunAsync(scope.ServiceProvider, running.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: hand the run back still due, for the next instance to take.
            await running.CancelAsync();
            await renewal;
            await ReleaseAsync(job, claim, nextRunAt: null);
            return;
        }
        catch (Exception ex)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
            if (error.Length > ScheduledJobStateConfiguration.ErrorLength) error = error[..ScheduledJobStateConfiguration.ErrorLength];
            LogJobFailed(logger, ex, job.Name);
        }
        await running.CancelAsync();
        await renewal;
        await ReleaseAsync(job, claim, clock.GetUtcNow() + job.Interval, error);
    }

    private async Task RenewLeaseAsync(IScheduledJob job, string claim, CancellationToken ct)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        try
        {
            while (true)
            {
                await Task.Delay(lease / LeaseRenewalsPerLease, clock, ct);
                await using var db = await contexts.CreateDbContextAsync(ct);
                await db.Database.ExecuteSqlAsync($"""
                    -- boltly:background
                    UPDATE scheduled_jobs SET locked_until = clock_timestamp() + make_interval(secs => {LeaseSeconds})
                    WHERE name = {job.Name} AND locked_by = {claim}
                    """, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPollFailed(logger, ex, job.Name);
        }
    }

    /// <summary>Ends the claim; <paramref name="nextRunAt"/> null leaves the job due.</summary>
    private async Task ReleaseAsync(IScheduledJob job, string claim, DateTimeOffset? nextRunAt, string? error = null)
    {
        var now = clock.GetUtcNow();
        // Not the stopping token: a finished run must be recorded, or the next instance runs it again at once.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        if (nextRunAt is { } next)
            await db.Database.ExecuteSqlAsync($"""
                -- boltly:background
                UPDATE scheduled_jobs SET next_run_at = {next}, locked_until = NULL, locked_by = NULL, last_finished_at = {now}, last_error = {error}
                WHERE name = {job.Name} AND locked_by = {claim}
                """, CancellationToken.None);
        else
            await db.Database.ExecuteSqlAsync($"""
                -- boltly:background
                UPDATE scheduled_jobs SET locked_until = NULL, locked_by = NULL WHERE name = {job.Name} AND locked_by = {claim}
                """, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled job {Job}: claiming or renewing its lease failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed; it runs again after its interval")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string job);
}
