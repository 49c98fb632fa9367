using Boltly.Features.SecurityEvents;
using System.Net;
using Boltly.Components;
using Boltly.Features.SignIn;
using Boltly.Features.Passkeys;
using Boltly.Features.Registration;
using Boltly.Platform.Api;
using Boltly.Platform.Health;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Hosting;

public static class HostingExtensions
{
    public static WebApplicationBuilder AddBoltlyHosting(this WebApplicationBuilder builder)
    {
        // Framework and MudBlazor assets from the build output in every environment (tests, a Release
        // run, several instances); a no-op after publish, where they are copied into wwwroot.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        // The hosts the portal answers for, from Portal:PublicUrl and Portal:ExtraHosts (docs/security-http.md).
        builder.Services.AddSingleton(sp => new AllowedHosts(sp.GetRequiredService<IOptions<PortalOptions>>().Value,
            builder.Environment.IsDevelopment()));
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Forwarded headers are honoured only from the proxies named in configuration. With both lists
            // empty the middleware would trust everyone, so then it honours nothing.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                if (IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
            o.ForwardedHeaders = o.KnownProxies.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
        });
        return builder;
    }

    public static WebApplication MapBoltlyEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapBoltlyHealth();
        app.MapControllers();
        app.MapAccountEndpoints();
        app.MapPasskeyEndpoints();
        app.MapAuditLogCsv();
        app.MapRegistrationEndpoints();
        // Pages and the circuit hub authenticate with the dashboard cookie only, whatever else the request carries:
        // an API key or a JWT must never open a page that shows the account (ADR 0004).
        // No permessage-deflate on the circuit's WebSocket: its zlib state (native, about 300 KB with both directions'
        // windows) would live as long as each signed-in page, for batches of a few KB (docs/performance.md). Blazor's
        // frame-ancestors 'self' that goes with compression is replaced by our own 'none' in any case.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
        return app;
    }

    /// <summary>Seeds the demo account in Development (Seed:Enabled), then runs.</summary>
    public static async Task RunBoltlyAsync(this WebApplication app)
    {
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Seed:Enabled", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }
        await app.RunAsync();
    }
}
