using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore.Storage;

namespace Boltly.Features.Auth;

/// <summary>
/// One attempt at a user's secret, holding the user's attempt lock (<see cref="SignInAttempts"/>). Say how it
/// went with <see cref="FailedAsync"/> or <see cref="SucceededAsync"/>; disposing lets the lock go (an attempt
/// disposed without either, like a right password before the second step, leaves the count as it was).
/// Neither is cancellable: a checked secret must leave its count.
/// </summary>
public sealed class SignInAttempt(AppDbContext db, IDbContextTransaction transaction, string table, AppUser user,
    AccountSecurityOptions options, TimeProvider clock, Action release) : IAsyncDisposable
{
    /// <summary>Counts the failure; true when it locked the account (the count starts again, as Identity's does).</summary>
    public async Task<bool> FailedAsync()
    {
        var now = clock.GetUtcNow();
        await using var command = SignInAttempts.Command(db, $"""
            UPDATE "{table}" SET
              lockout_end = CASE WHEN lockout_enabled AND access_failed_count + 1 >= @max THEN @until ELSE lockout_end END,
              access_failed_count = CASE WHEN lockout_enabled AND access_failed_count + 1 >= @max THEN 0 ELSE access_failed_count + 1 END
            WHERE id = @id
            RETURNING access_failed_count, lockout_end
            """);
        SignInAttempts.Add(command, "id", user.Id);
        SignInAttempts.Add(command, "max", options.LockoutMaxFailures);
        SignInAttempts.Add(command, "until", now.AddMinutes(options.LockoutMinutes));
        var locked = false;
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            if (await reader.ReadAsync(CancellationToken.None))
            {
                user.AccessFailedCount = reader.GetInt32(0);
                user.LockoutEnd = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
                locked = user.LockoutEnd > now;
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
        return locked;
    }

    /// <summary>The secret was right: the count starts again.</summary>
    public async Task SucceededAsync()
    {
        if (user.AccessFailedCount != 0)
        {
            await using var command = SignInAttempts.Command(db, $"UPDATE \"{table}\" SET access_failed_count = 0 WHERE id = @id");
            SignInAttempts.Add(command, "id", user.Id);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            user.AccessFailedCount = 0;
        }
        await transaction.CommitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
            await db.DisposeAsync();
        }
        finally
        {
            release();
        }
    }
}
