using Boltly.Api.Common;
using Boltly.Domain.Broadcasts;
using Boltly.Domain.Contacts;
using Boltly.Domain.Idempotency;
using Boltly.Domain.Inbox;
using Boltly.Domain.Templates;

namespace Boltly.Api;

public static class PublicApiServiceCollectionExtensions
{
    /// <summary>The public API integrators call: contacts, inbox, templates, broadcasts, and Idempotency-Key.</summary>
    public static WebApplicationBuilder AddBoltlyPublicApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<IdempotencyFilter>();
        services.AddHostedService<IdempotencyPurger>();
        services.AddScoped<ContactService>();
        services.AddScoped<InboxService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<BroadcastService>();
        return builder;
    }
}
