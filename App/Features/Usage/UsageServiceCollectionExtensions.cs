namespace Boltly.Features.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>Per-key usage by outcome and the request log (docs/usage.md).</summary>
    public static WebApplicationBuilder AddBoltlyUsage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IUsageReader, EmptyUsageReader>();
        return builder;
    }
}
