using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;

namespace Boltly.Bench;

/// <summary>
/// The measurements wrk cannot take: revocation propagation between two instances, the database
/// statements behind 10,000 key-authenticated requests, and a 500-request cold stampede on one key.
/// Statements are counted by pg_stat_statements on the bench's own PostgreSQL cluster.
/// </summary>
public static class Scenarios
{
    private const int Revocations = 100;
    private const int Requests = 10_000;
    private const int Stampede = 500;

    public static async Task<int> RunAsync(Uri a, Uri b, string postgres, string email, string password, string outFile)
    {
        var results = new StringBuilder();
        // Each measurement from loopback addresses of its own: the malformed-key floods left 127.0.0.1 over its
        // invalid-key limit, and each revocation's refusal counts as one invalid key for its address.
        var clientA = new BenchClient(a, from: IPAddress.Parse("127.0.2.1"));
        var clientB = new BenchClient(b, from: IPAddress.Parse("127.0.2.2"));
        var jwt = await clientA.LoginAsync(email, password);

        // 1. Revocation on A, seen on B (which holds the key in its memory tier), timed from sending the
        // revoke: what an owner who revokes a leaked key waits for.
        var times = new List<double>();
        var timeouts = 0;
        for (var i = 0; i < Revocations; i++)
        {
            var (id, secret) = await clientA.CreateKeyAsync(jwt, $"bench: revocation {i}");
            var observer = new BenchClient(b, from: IPAddress.Parse($"127.0.1.{i + 1}"));
            Expect(await observer.WhoAmIAsync(secret), HttpStatusCode.OK);
            Expect(await observer.WhoAmIAsync(secret), HttpStatusCode.OK);
            var clock = Stopwatch.StartNew();
            await clientA.RevokeAsync(jwt, id);
            while (true)
            {
                var status = await observer.WhoAmIAsync(secret);
                // Refused: 401, or 429 once the per-address throttle for invalid keys answers instead.
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests) break;
                if (status != HttpStatusCode.OK) throw new InvalidOperationException($"revocation {i}: instance B answered {(int)status}");
                if (clock.Elapsed > TimeSpan.FromSeconds(5)) { timeouts++; break; }
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Add(results, "REVOKE_N", times.Count);
        Add(results, "REVOKE_P50_MS", Percentile(times, 50).ToString("F1", CultureInfo.InvariantCulture));
        Add(results, "REVOKE_P99_MS", Percentile(times, 99).ToString("F1", CultureInfo.InvariantCulture));
        Add(results, "REVOKE_MAX_MS", times[^1].ToString("F1", CultureInfo.InvariantCulture));
        Add(results, "REVOKE_TIMEOUTS", timeouts);

        await using var db = new NpgsqlConnection(postgres);
        await db.OpenAsync();
        await ExecuteAsync(db, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");

        // 2. 10,000 requests with one valid key, spread over both instances, from a cold key.
        var (_, steady) = await clientA.CreateKeyAsync(jwt, "bench: 10k requests");
        await ExecuteAsync(db, "SELECT pg_stat_statements_reset()");
        var statuses = await FireAsync(Requests, 32, i => (i % 2 == 0 ? clientA : clientB).WhoAmIAsync(steady));
        var (total, lookups, detail) = await StatementsAsync(db);
        Add(results, "QUERIES_REQUESTS", Requests);
        Add(results, "QUERIES_OK", statuses.GetValueOrDefault(HttpStatusCode.OK));
        Add(results, "QUERIES_TOTAL", total);
        Add(results, "QUERIES_LOOKUPS", lookups);
        Console.Error.WriteLine($"[bench] statements behind {Requests} requests:\n{detail}");

        // 3. A cold stampede: 500 simultaneous first requests for a key no cache holds, on one instance.
        var stampedeClient = new BenchClient(a, maxConnections: Stampede, from: IPAddress.Parse("127.0.3.1"));
        var (_, cold) = await clientA.CreateKeyAsync(jwt, "bench: stampede");
        await ExecuteAsync(db, "SELECT pg_stat_statements_reset()");
        var stampede = await FireAsync(Stampede, Stampede, _ => stampedeClient.WhoAmIAsync(cold));
        (total, lookups, detail) = await StatementsAsync(db);
        Add(results, "STAMPEDE_REQUESTS", Stampede);
        Add(results, "STAMPEDE_OK", stampede.GetValueOrDefault(HttpStatusCode.OK));
        Add(results, "STAMPEDE_TOTAL", total);
        Add(results, "STAMPEDE_LOOKUPS", lookups);
        Console.Error.WriteLine($"[bench] statements behind the stampede:\n{detail}");

        await File.WriteAllTextAsync(outFile, results.ToString());
        Console.Error.Write(results);
        return 0;
    }

    private static async Task<Dictionary<HttpStatusCode, int>> FireAsync(int count, int concurrency, Func<int, Task<HttpStatusCode>> send)
    {
        var statuses = new Dictionary<HttpStatusCode, int>();
        var next = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !deadline.IsCancellationRequested)
            {
                var status = await send(i);
                lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        })));
        return statuses;
    }

    /// <summary>Statements the app ran since the last reset (the bench's own pg_stat_statements calls excluded).</summary>
    private static async Task<(long Total, long Lookups, string Detail)> StatementsAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""
            SELECT calls, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements
            WHERE query NOT ILIKE '%pg_stat_statements%'
            ORDER BY calls DESC
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        long total = 0, lookups = 0;
        var detail = new StringBuilder();
        while (await reader.ReadAsync())
        {
            var calls = reader.GetInt64(0);
            var query = reader.GetString(1);
            total += calls;
            if (query.Contains("api_keys", StringComparison.Ordinal) && query.Contains("key_hash", StringComparison.Ordinal)) lookups += calls;
            detail.Append(CultureInfo.InvariantCulture, $"  {calls,6}  {(query.Length > 110 ? query[..110] + "…" : query)}\n");
        }
        return (total, lookups, detail.ToString());
    }

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void Expect(HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected) throw new InvalidOperationException($"expected {(int)expected}, got {(int)actual}");
    }

    private static void Add(StringBuilder results, string name, object value) =>
        results.Append(CultureInfo.InvariantCulture, $"{name}='{value}'\n");
}
