using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Platform.Outbox;

/// <summary>
/// The two statements every outbox runs (docs/decisions/0025-one-outbox.md). The claim: due pending rows, locked with
/// <c>FOR UPDATE SKIP LOCKED</c> (another claimer passes over them, never waits), leased to one token, their claim
/// count raised and their next attempt moved to the schedule's (so a claim that never finishes is retried on the
/// schedule, not at every lease). The record: the state moved on, only while the token still holds the claim.
/// Leases are set and judged on the database's clock, the one clock every instance shares: an instance whose clock
/// runs ahead never takes a claim another instance still holds (docs/decisions/0025-one-outbox.md). When a message
/// is due stays the application's clock.
/// </summary>
internal static class OutboxStore
{
    public static async Task<List<OutboxClaim>> ClaimAsync(AppDbContext db, OutboxTable t, OutboxSettings s, int count, DateTimeOffset now,
        CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var filter = t.ClaimFilterSql is { } f ? $" AND ({f})" : "";
        var sql = $"""
            {BackgroundWork.SqlComment}WITH c AS (
              SELECT m.id, m.{t.TokenColumn} IS NOT NULL AS abandoned FROM {t.Name} AS m
              WHERE m.{t.StatusColumn} = @pending AND m.{t.NextAttemptColumn} <= @now
                AND (m.{t.LeaseColumn} IS NULL OR m.{t.LeaseColumn} <= clock_timestamp()){filter}
              ORDER BY m.{t.NextAttemptColumn}, m.id LIMIT @count
              FOR UPDATE OF m SKIP LOCKED)
            UPDATE {t.Name} AS m SET {t.LeaseColumn} = clock_timestamp() + make_interval(secs => @lease), {t.TokenColumn} = @token, {t.ClaimsColumn} = m.{t.ClaimsColumn} + 1,
              {t.NextAttemptColumn} = @now + make_interval(secs => (@delays)[LEAST(m.{t.ClaimsColumn} + 1, cardinality(@delays))])
            FROM c WHERE m.id = c.id
            RETURNING m.id AS id, m.{t.ClaimsColumn} AS claims, ({t.GiveUpAtSql}) AS give_up_at, c.abandoned AS abandoned, @token AS token
            """;
        // The columns are named as the context's snake_case convention reads OutboxClaim's properties.
        return await db.Database.SqlQueryRaw<OutboxClaim>(sql,
            new NpgsqlParameter("pending", t.Pending),
            new NpgsqlParameter("now", now),
            new NpgsqlParameter("count", count),
            new NpgsqlParameter("lease", s.Lease.TotalSeconds),
            new NpgsqlParameter("token", token),
            new NpgsqlParameter("delays", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = s.Schedule.Delays.Select(d => d.TotalSeconds).ToArray() })
            .ToListAsync(ct);
    }

    /// <summary>Moves the message on; false when the claim was no longer this token's (the state was left alone).</summary>
    public static async Task<bool> RecordAsync(AppDbContext db, OutboxTable t, OutboxClaim claim, OutboxOutcome outcome, CancellationToken ct)
    {
        var finished = outcome.State != OutboxState.Retry;
        var status = outcome.State switch { OutboxState.Done => t.Done, OutboxState.GivenUp => t.GivenUp, _ => t.Pending };
        var sets = new List<string>
        {
            $"{t.StatusColumn} = @status", $"{t.LeaseColumn} = NULL", $"{t.TokenColumn} = NULL",
            finished && !t.NextAttemptClearedWhenFinished ? $"{t.NextAttemptColumn} = {t.NextAttemptColumn}" : $"{t.NextAttemptColumn} = @next",
        };
        if (t.DoneAtColumn is { } doneAt) sets.Add(outcome.State == OutboxState.Done ? $"{doneAt} = @now" : $"{doneAt} = {doneAt}");
        if (t.LastErrorColumn is { } lastError) sets.Add($"{lastError} = @error");
        if (t.AttemptsColumn is { } attempts) sets.Add($"{attempts} = {attempts} + 1");
        if (t.LastAttemptAtColumn is { } lastAttempt) sets.Add($"{lastAttempt} = @attempted_at");
        var error = outcome.Result.Kind == OutboxResultKind.Delivered ? null : outcome.Result.Error;
        if (error is { Length: var n } && n > t.LastErrorLength) error = error[..t.LastErrorLength];
        // Identifiers only come from the owner's OutboxTable; every value is a parameter.
        var sql = $"""
            {BackgroundWork.SqlComment}UPDATE {t.Name} SET {string.Join(", ", sets)}
            WHERE id = @id AND {t.TokenColumn} = @token
            """;
        var rows = await db.Database.ExecuteSqlRawAsync(sql,
            [
                new NpgsqlParameter("status", status),
                new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = finished ? DBNull.Value : outcome.NextAttemptAt!.Value },
                new NpgsqlParameter("now", outcome.RecordedAt),
                new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)error ?? DBNull.Value },
                new NpgsqlParameter("attempted_at", outcome.AttemptedAt),
                new NpgsqlParameter("id", claim.Id),
                new NpgsqlParameter("token", claim.Token),
            ], ct);
        return rows == 1;
    }
}
