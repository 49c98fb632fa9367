using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Boltly.Tests.Infrastructure;

/// <summary>Counts the SQL commands a host sends, so tests can prove what the cache saves. The background
/// workers' commands (marked <see cref="BackgroundWork.Tag"/>) are not counted: they run on their own clock.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();

    public int Count(string fragment) => _commands.Count(c => c.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every command since the last <see cref="Clear"/>.</summary>
    public int Total => _commands.Count;

    /// <summary>The commands counted so far, in order (for a failure's message).</summary>
    public IReadOnlyList<string> Commands => _commands.ToArray();

    /// <summary>
    /// The commands that are not the batched writers' (usage rollups, the request log, keys' last use, sessions'
    /// last seen): these run on their own timers and write many requests at once (docs/usage.md).
    /// </summary>
    public IReadOnlyList<string> RequestCommands => _commands.Where(c => !BatchWriterTables.Any(t => c.Contains(t, StringComparison.OrdinalIgnoreCase))).ToArray();

    private static readonly string[] BatchWriterTables = ["usage_rollups", "request_log", "last_used_at", "last_seen_at"];

    public void Clear() => _commands.Clear();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    // Batched writes (last use, usage rollups, the request log) are non-queries: counted too.
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Record(DbCommand command)
    {
        if (!command.CommandText.Contains(BackgroundWork.Tag, StringComparison.Ordinal)) _commands.Enqueue(command.CommandText);
    }
}
