namespace Boltly.Platform.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The runner of every <see cref="IScheduledJob"/>: one instance at a time (docs/scheduled-work.md).</summary>
    public static WebApplicationBuilder AddBoltlyScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<ScheduledJobRunner>();
        return builder;
    }
}
