namespace Boltly.Platform.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>Runs <typeparamref name="THandler"/>'s outbox on this instance with the one claim loop
    /// (<see cref="OutboxWorker{TMessage, TAttempt}"/>, docs/decisions/0025-one-outbox.md).</summary>
    public static IServiceCollection AddOutbox<THandler, TMessage, TAttempt>(this IServiceCollection services)
        where THandler : class, IOutboxHandler<TMessage, TAttempt>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton<IOutboxHandler<TMessage, TAttempt>>(sp => sp.GetRequiredService<THandler>());
        services.AddSingleton<OutboxWorker<TMessage, TAttempt>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker<TMessage, TAttempt>>());
        return services;
    }
}
