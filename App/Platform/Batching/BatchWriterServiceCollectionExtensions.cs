namespace Boltly.Platform.Batching;

public static class BatchWriterServiceCollectionExtensions
{
    /// <summary>
    /// <typeparamref name="TWriter"/> as a singleton, flushed every <paramref name="interval"/> and (unless
    /// <paramref name="flushOnStop"/> is false) once more on shutdown by <see cref="BatchWriterService{TWriter}"/>.
    /// </summary>
    public static IServiceCollection AddBatchWriter<TWriter>(this IServiceCollection services, Func<IServiceProvider, TimeSpan> interval,
        bool flushOnStop = true) where TWriter : class, IBatchWriter
    {
        services.AddSingleton<TWriter>();
        services.AddSingleton(sp => new BatchWriterSchedule<TWriter>(interval(sp), flushOnStop));
        services.AddHostedService<BatchWriterService<TWriter>>();
        return services;
    }
}
