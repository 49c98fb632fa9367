using System.Data.Common;
using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Auth;

/// <summary>
/// Identity's lockout, made to hold under parallel guesses. Identity's <c>AccessFailedAsync</c> reads the
/// counter, adds one and writes the user back, so failures that arrive together collapse into about one, and
/// its lockout check runs before any of them is written. Here an attempt at a user's password, TOTP code or
/// recovery code first takes that user's attempt lock (a PostgreSQL transaction-scoped advisory lock, so every
/// instance queues on it, and no row of the user is locked while the secret is checked), then reads the
/// lockout; a locked account is refused without its secret being looked at. A wrong secret is counted with one
/// atomic <c>UPDATE … SET access_failed_count = access_failed_count + 1 … RETURNING</c> before the lock is let go.
/// So of any number of parallel guesses exactly <see cref="AccountSecurityOptions.LockoutMaxFailures"/> are
/// checked, and parallel right answers all get in. Attempts for one user on one instance queue in memory
/// first, so only one of them at a time holds a database connection; the per-account rate limit bounds how
/// many can queue.
/// See docs/security.md.
/// </summary>
public sealed class SignInAttempts(IDbContextFactory<AppDbContext> contexts, IOptions<AccountSecurityOptions> options, TimeProvider clock)
{
    // pg_advisory_xact_lock(int, int): the first number names this use of advisory locks.
    private const int LockNamespace = 0x5349_474E; // "SIGN"
    private const string LockNotAvailable = "55P03";

    /// <summary>Takes the user's attempt lock and checks the lockout. Null when the account is locked: refuse
    /// without checking the secret. Dispose the attempt to let the lock go.</summary>
    public async Task<SignInAttempt?> BeginAsync(AppUser user, CancellationToken ct = default)
    {
        var gate = _gates.AddOrUpdate(user.Id, static _ => new Gate(), static (_, g) => { Interlocked.Increment(ref g.Users); return g; });
        if (!await gate.Semaphore.WaitAsync(TimeSpan.FromSeconds(options.Value.AttemptQueueSeconds), ct))
        {
            Leave(user.Id, gate, held: false);
            return null;
        }
        var attempt = await BeginLockedAsync(user, () => Leave(user.Id, gate, held: true), ct);
        if (attempt is null) Leave(user.Id, gate, held: true);
        return attempt;
    }

    private void Leave(Guid userId, Gate gate, bool held)
    {
        if (held) gate.Semaphore.Release();
        if (Interlocked.Decrement(ref gate.Users) == 0) _gates.TryRemove(new KeyValuePair<Guid, Gate>(userId, gate));
    }

    private async Task<SignInAttempt?> BeginLockedAsync(AppUser user, Action release, CancellationToken ct)
    {
        var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            var table = db.Model.FindEntityType(typeof(AppUser))!.GetTableName()!;
            await using (var wait = Command(db, $"SET LOCAL lock_timeout = {options.Value.AttemptQueueSeconds * 1000}"))
                await wait.ExecuteNonQueryAsync(ct);
            await using (var take = Command(db, "SELECT pg_advisory_xact_lock(@space, @user)"))
            {
                Add(take, "space", LockNamespace);
                Add(take, "user", BitConverter.ToInt32(user.Id.ToByteArray(), 12)); // random bits of the id, the same on every instance
                await take.ExecuteNonQueryAsync(ct);
            }
            await using var read = Command(db, $"SELECT access_failed_count, lockout_end FROM \"{table}\" WHERE id = @id");
            Add(read, "id", user.Id);
            int count;
            DateTimeOffset? lockoutEnd;
            await using (var reader = await read.ExecuteReaderAsync(ct))
            {
                if (!await reader.ReadAsync(ct)) { await Release(db); return null; }
                count = reader.GetInt32(0);
                lockoutEnd = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
            }
            // Keep the tracked user as the row is, so a later save of it writes no stale counter back.
            user.AccessFailedCount = count;
            user.LockoutEnd = lockoutEnd;
            if (lockoutEnd > clock.GetUtcNow()) { await Release(db); return null; }
            return new SignInAttempt(db, transaction, table, user, options.Value, clock, release);
        }
        catch (DbException ex) when (ex.SqlState == LockNotAvailable)
        {
            // Queued longer than AttemptQueueSeconds behind this user's other attempts: refused like a locked account.
            await Release(db);
            return null;
        }
        catch
        {
            await Release(db);
            throw;
        }
    }

    private static async Task Release(AppDbContext db) => await db.DisposeAsync();

    // One queue per user with attempts in flight on this instance; removed when its last attempt leaves.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Gate> _gates = new();

    private sealed class Gate
    {
        public readonly SemaphoreSlim Semaphore = new(1, 1);
        public int Users = 1;
    }

    internal static DbCommand Command(AppDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
