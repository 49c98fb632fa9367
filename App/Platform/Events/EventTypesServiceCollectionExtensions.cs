using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Boltly.Platform.Events;

public static class EventTypesServiceCollectionExtensions
{
    /// <summary>Registers an event type a feature emits: <paramref name="sample"/> is shown in the API reference and on
    /// the Webhooks page; <typeparamref name="TData"/> is the only data the outbox accepts for <paramref name="name"/>.</summary>
    public static IServiceCollection AddEventType<TData>(this IServiceCollection services, string name, string description, TData sample)
        where TData : notnull
    {
        services.AddSingleton(new EventType(name, description, typeof(TData), sample));
        services.TryAddSingleton<EventTypeCatalog>();
        return services;
    }
}
