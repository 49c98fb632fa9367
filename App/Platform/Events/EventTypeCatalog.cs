namespace Boltly.Platform.Events;

/// <summary>Every event type the features registered (<see cref="EventTypesServiceCollectionExtensions.AddEventType{TData}"/>),
/// in registration order. A name registered twice is a startup error.</summary>
public sealed class EventTypeCatalog
{
    /// <summary>The sample envelope's fixed values: a sample looks real and never changes between calls.</summary>
    public static readonly Guid SampleEventId = Guid.Parse("019ae5c1-2f3a-7d10-9b1e-3c5a7d2e4f60");
    public static readonly Guid SampleAccountId = Guid.Parse("019ae5c0-8a21-7c4e-a0f3-1b2c3d4e5f60");
    public static readonly DateTimeOffset SampleTime = new(2026, 12, 1, 10, 53, 28, TimeSpan.Zero);

    private readonly Dictionary<string, EventType> _byName;

    public EventTypeCatalog(IEnumerable<EventType> types)
    {
        All = [.. types];
        _byName = new Dictionary<string, EventType>(StringComparer.Ordinal);
        foreach (var t in All)
            if (!_byName.TryAdd(t.Name, t)) throw new InvalidOperationException($"The event type {t.Name} is registered twice.");
    }

    public IReadOnlyList<EventType> All { get; }

    public EventType? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The envelope a receiver would get for <paramref name="type"/>, with its sample data.</summary>
    public static EventEnvelope<object> SampleEnvelope(EventType type) =>
        new("evt_" + SampleEventId.ToString("N"), type.Name, SampleTime, SampleAccountId, type.Sample);
}
