using Boltly.Features.Templates;
using Boltly.Platform.Scheduling;

namespace Boltly.Features.Broadcasts;

public static class BroadcastsServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyBroadcasts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BroadcastOptions>().BindConfiguration(BroadcastOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<BroadcastService>();
        builder.Services.AddSingleton<ITemplateUse, BroadcastTemplateUse>();
        BroadcastEventTypes.Register(builder.Services);
        builder.Services.AddScheduledJob<ScheduledBroadcastsJob>();
        return builder;
    }
}
