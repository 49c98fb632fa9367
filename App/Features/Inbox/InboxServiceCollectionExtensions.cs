namespace Boltly.Features.Inbox;

public static class InboxServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyInbox(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<InboxService>();
        InboxEventTypes.Register(builder.Services);
        return builder;
    }
}
