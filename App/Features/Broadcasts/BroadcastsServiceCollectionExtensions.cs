namespace Boltly.Features.Broadcasts;

public static class BroadcastsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyBroadcasts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BroadcastService>();
        return builder;
    }
}
