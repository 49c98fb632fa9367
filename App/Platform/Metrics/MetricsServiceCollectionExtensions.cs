using OpenTelemetry.Metrics;

namespace Boltly.Platform.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The ASP.NET Core request meters of .NET itself.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>
    /// The "Boltly" instruments, always (a no-op without a listener), and, when <c>Metrics:Enabled</c>, an OpenTelemetry
    /// meter provider exporting them with the ASP.NET Core request metrics in Prometheus text on a port of their own
    /// (docs/metrics.md, docs/decisions/0020-usage-charts-and-metrics.md). The app's own port never serves them.
    /// </summary>
    public static WebApplicationBuilder AddBoltlyMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<BoltlyMetrics>();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Read here, not through IOptions: whether an exporter exists at all is decided while the services are built.
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!options.Enabled) return builder;

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BoltlyMetrics.MeterName)
            .AddMeter([.. FrameworkMeters])
            .AddPrometheusHttpListener(listener =>
            {
                listener.Host = options.Host;
                listener.Port = options.Port;
                listener.ScrapeEndpointPath = options.Path;
            }));
        return builder;
    }
}
