using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Boltly.Platform.Data;

/// <summary>
/// UUIDv7 ids that only ever increase within the process, in PostgreSQL's uuid order (big-endian bytes).
/// Lists are ordered newest first by id, and .NET's <c>Guid.CreateVersion7()</c> is random within one
/// millisecond, so two rows created in the same millisecond could list in either order.
/// RFC 9562 §6.2, method 1: the 12 <c>rand_a</c> bits hold a counter that starts at a random value
/// below 2048 each millisecond (so a millisecond has at least 2048 ids left) and increments within it.
/// When the counter is exhausted, or the clock steps back, the timestamp moves on from the last one
/// issued instead of following the clock, so the next id is still greater.
/// </summary>
public sealed class MonotonicUuidV7(TimeProvider clock, bool unguessable = true)
{
    private const int CounterMax = 0xFFF;
    private const int CounterSeedLimit = 0x800;

    // Entity ids are assigned in property initializers, where no service can be injected; ids only
    // need order, not the clock tests move, so the shared generator reads the system clock.
    private static readonly MonotonicUuidV7 Shared = new(TimeProvider.System);

    private readonly Lock _gate = new();
    private long _lastMilliseconds = -1;
    private int _counter;

    // Request ids are made on every /v1 request and shown to callers, but guard nothing: the cryptographic
    // generator cost about 1 µs a call there (docs/usage.md), a seeded pseudo-random one a few nanoseconds.
    private static readonly MonotonicUuidV7 Requests = new(TimeProvider.System, unguessable: false);

    /// <summary>The next id of the process-wide generator: what entity ids default to.</summary>
    public static Guid NewId() => Shared.Next();

    /// <summary>The next id of the request generator: ordered like <see cref="NewId"/>, unique, but its random
    /// bits are not cryptographic. Only for ids that protect nothing (the request id of docs/usage.md).</summary>
    public static Guid NewRequestId() => Requests.Next();

    public Guid Next()
    {
        long milliseconds;
        int counter;
        lock (_gate)
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _counter = unguessable ? RandomNumberGenerator.GetInt32(CounterSeedLimit) : Random.Shared.Next(CounterSeedLimit);
            }
            else if (_counter < CounterMax)
            {
                _counter++;
            }
            else
            {
                // 4096 ids in one millisecond, or the clock went back: borrow the next millisecond.
                _lastMilliseconds++;
                _counter = unguessable ? RandomNumberGenerator.GetInt32(CounterSeedLimit) : Random.Shared.Next(CounterSeedLimit);
            }
            milliseconds = _lastMilliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (unguessable) RandomNumberGenerator.Fill(bytes[8..]);
        else BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Random.Shared.NextInt64(long.MinValue, long.MaxValue));
        // unix_ts_ms: 48 bits, big-endian.
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        // ver (0111) and the 12-bit counter in rand_a.
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], (ushort)(0x7000 | counter));
        // var (10) above the 62 random bits of rand_b.
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
