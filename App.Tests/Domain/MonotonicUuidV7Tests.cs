using System.Collections.Concurrent;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Boltly.Tests.Domain;

public sealed class MonotonicUuidV7Tests
{
    [Fact]
    public void A_tight_loop_of_100000_ids_is_strictly_increasing_in_big_endian_order_with_version_7_and_the_rfc_variant()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new Guid[100_000];
        for (var i = 0; i < ids.Length; i++) ids[i] = MonotonicUuidV7.NewId();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        AssertStrictlyIncreasing(ids);
        foreach (var id in ids) AssertVersionAndVariant(id);
        // The timestamp is the clock's; it runs ahead only by milliseconds borrowed when one ms ran out of ids.
        // Other tests share the generator, so allow for milliseconds they borrowed too.
        Assert.InRange(Timestamp(ids[0]), before, after + 500);
        Assert.InRange(Timestamp(ids[^1]), before, after + 500);
    }

    [Fact]
    public async Task Ids_from_several_threads_are_unique_and_each_threads_ids_increase()
    {
        const int threads = 4, perThread = 50_000;
        var generator = new MonotonicUuidV7(TimeProvider.System);
        var all = new ConcurrentBag<Guid[]>();
        using var start = new Barrier(threads);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            var ids = new Guid[perThread];
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++) ids[i] = i % 2 == 0 ? generator.Next() : MonotonicUuidV7.NewId();
            all.Add(ids);
        }, TaskCreationOptions.LongRunning)));

        Assert.Equal(threads, all.Count);
        foreach (var ids in all)
        {
            AssertStrictlyIncreasing(ids.Where((_, i) => i % 2 == 0).ToArray());
            AssertStrictlyIncreasing(ids.Where((_, i) => i % 2 == 1).ToArray());
        }
        Assert.Equal(threads * perThread, all.SelectMany(ids => ids).Distinct().Count());
    }

    [Fact]
    public void A_frozen_clock_still_gives_increasing_ids_by_borrowing_the_next_millisecond()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T12:00:00Z"));
        var generator = new MonotonicUuidV7(clock);
        var ids = Enumerable.Range(0, 20_000).Select(_ => generator.Next()).ToArray();

        AssertStrictlyIncreasing(ids);
        var start = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(start, Timestamp(ids[0]));
        // At least 2048 ids fit in each millisecond, so 20,000 borrow at most 10.
        Assert.InRange(Timestamp(ids[^1]), start + 4, start + 10);

        // Once the clock passes the borrowed milliseconds, ids follow it again.
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = generator.Next();
        Assert.Equal(start + 1000, Timestamp(later));
        Assert.True(Compare(ids[^1], later) < 0);
    }

    [Fact]
    public void A_clock_that_steps_back_does_not_make_ids_go_backwards()
    {
        var clock = new TestClock();
        var generator = new MonotonicUuidV7(clock);
        var first = generator.Next();
        clock.Advance(TimeSpan.FromMinutes(-5));
        var second = generator.Next();
        Assert.True(Compare(first, second) < 0);
        Assert.True(Timestamp(second) >= Timestamp(first));
    }

    [Fact]
    public async Task PostgreSQL_sorts_the_ids_in_the_order_they_were_made()
    {
        var ids = Enumerable.Range(0, 5_000).Select(_ => MonotonicUuidV7.NewId()).ToArray();
        await using var connection = new NpgsqlConnection(TestServices.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT n FROM unnest(@ids) WITH ORDINALITY AS t(id, n) ORDER BY id", connection);
        command.Parameters.AddWithValue("ids", ids);
        var order = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) order.Add(reader.GetInt64(0));
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => (long)i), order);
    }

    [Fact]
    public void Every_entity_of_the_model_defaults_to_an_increasing_id()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(options, "Host=unused");
        using var db = new AppDbContext(options.Options);
        var entityTypes = db.Model.GetEntityTypes().Select(t => t.ClrType)
            .Where(t => t.Assembly == typeof(AppDbContext).Assembly && t.GetProperty("Id")?.PropertyType == typeof(Guid) && t.GetConstructor(Type.EmptyTypes) is not null)
            // Identity assigns user ids itself; users are never listed by id.
            .Where(t => !typeof(Microsoft.AspNetCore.Identity.IdentityUser<Guid>).IsAssignableFrom(t))
            .ToList();
        Assert.True(entityTypes.Count >= 10, string.Join(", ", entityTypes.Select(t => t.Name)));
        foreach (var type in entityTypes)
        {
            var id = type.GetProperty("Id")!;
            // Guid.CreateVersion7() would be random within a millisecond: 1000 in a row would not stay in order.
            var ids = Enumerable.Range(0, 1000).Select(_ => (Guid)id.GetValue(Activator.CreateInstance(type))!).ToArray();
            Assert.True(IsStrictlyIncreasing(ids), $"{type.Name} ids are not made by MonotonicUuidV7");
            AssertVersionAndVariant(ids[0]);
        }
    }

    private static int Compare(Guid a, Guid b) => a.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(b.ToByteArray(bigEndian: true));

    private static bool IsStrictlyIncreasing(Guid[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
            if (Compare(ids[i - 1], ids[i]) >= 0) return false;
        return true;
    }

    private static void AssertStrictlyIncreasing(Guid[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
            Assert.True(Compare(ids[i - 1], ids[i]) < 0, $"id {i} ({ids[i]}) is not greater than id {i - 1} ({ids[i - 1]})");
    }

    private static void AssertVersionAndVariant(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        Assert.Equal(0x70, bytes[6] & 0xF0);
        Assert.Equal(0x80, bytes[8] & 0xC0);
        Assert.Equal(7, id.Version);
    }

    private static long Timestamp(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        long ms = 0;
        for (var i = 0; i < 6; i++) ms = (ms << 8) | bytes[i];
        return ms;
    }
}
