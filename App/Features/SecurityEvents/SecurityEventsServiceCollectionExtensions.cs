namespace Boltly.Features.SecurityEvents;

public static class SecurityEventsServiceCollectionExtensions
{
    /// <summary>Recording security events (every feature calls the recorder) and reading them for the dashboard.</summary>
    public static WebApplicationBuilder AddBoltlySecurityEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SecurityEventRecorder>();
        builder.Services.AddScoped<SecurityEventQuery>();
        builder.Services.AddScoped<AuditLogQuery>();
        return builder;
    }
}
