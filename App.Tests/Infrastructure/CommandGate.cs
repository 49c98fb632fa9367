using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Holds the first SQL command containing an armed fragment until the test releases it, so a request
/// can be stopped at a chosen point inside its transaction while another request races it. Unarmed,
/// it lets everything through.
/// </summary>
public sealed class CommandGate : DbCommandInterceptor
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _fragment;

    /// <summary>Completes once a command is being held.</summary>
    public Task Held => _held.Task;

    public void Arm(string fragment) => Volatile.Write(ref _fragment, fragment);

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await HoldIfArmedAsync(command.CommandText, cancellationToken);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await HoldIfArmedAsync(command.CommandText, cancellationToken);
        return result;
    }

    private async Task HoldIfArmedAsync(string sql, CancellationToken ct)
    {
        var fragment = Volatile.Read(ref _fragment);
        if (fragment is null || !sql.Contains(fragment, StringComparison.OrdinalIgnoreCase)) return;
        // The background workers' statements (their own FOR UPDATE, say) are never the request's chosen one.
        if (sql.Contains(BackgroundWork.Tag, StringComparison.Ordinal)) return;
        if (Interlocked.CompareExchange(ref _fragment, null, fragment) != fragment) return; // the first match only
        _held.TrySetResult();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }
}
