using Boltly.Features.SecurityEvents;
using System.Net;
using Boltly.Components;
using Boltly.Features.SignIn;
using Boltly.Features.Passkeys;
using Boltly.Features.Usage;
using Boltly.Platform.Errors;
using Boltly.Platform.Health;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

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

    /// <summary>The request pipeline, in order.</summary>
    public static WebApplication UseBoltlyPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // First, so that every response (error pages and refusals included) carries the headers.
        app.UseMiddleware<SecurityHeadersMiddleware>(ApiReferenceExtensions.ReferencePath);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                // A dashboard page that needed an unreachable database is "try again shortly", not a bug.
                StatusCodeSelector = ex => DatabaseFailure.IsUnavailable(ex)
                    ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }
        // Outside the API's error handling, so the status counted and logged is the one the caller got (docs/usage.md).
        app.UseBoltlyUsage();
        // Inside the dashboard's exception handler: /v1 failures are answered here, as JSON.
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseMiddleware<FormTextMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<CrossSiteRequestMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapBoltlyEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapBoltlyHealth();
        app.MapControllers();
        app.MapAccountEndpoints();
        app.MapPasskeyEndpoints();
        app.MapAuditLogCsv();
        // Pages and the circuit hub authenticate with the dashboard cookie only, whatever else the request carries:
        // an API key or a JWT must never open a page that shows the account (ADR 0004).
        // No permessage-deflate on the circuit's WebSocket: its zlib state (native, about 300 KB with both directions'
        // windows) lived as long as each signed-in page, for batches of a few KB (docs/performance.md). Blazor's
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
