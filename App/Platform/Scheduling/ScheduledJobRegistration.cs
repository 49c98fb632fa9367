namespace Boltly.Platform.Scheduling;

public static class ScheduledJobRegistration
{
    /// <summary>Adds a job for the scheduler to run (docs/scheduled-work.md).</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services) where TJob : class, IScheduledJob
    {
        services.AddSingleton<IScheduledJob, TJob>();
        return services;
    }
}
