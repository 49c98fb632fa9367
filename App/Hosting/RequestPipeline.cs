using Boltly.Features.Usage;
using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.RateLimiting;

namespace Boltly.Hosting;

/// <summary>
/// What runs for a request, in order (docs/architecture.md, "The request pipeline"). The pipeline splits once, after
/// routing: a request under <c>/v1</c> takes the API's branch, any other the dashboard's; both rejoin to run the
/// endpoint that routing chose. No middleware asks which kind of request it serves: it is on one branch or the other.
/// </summary>
public static class RequestPipeline
{
    public static WebApplication UseBoltlyPipeline(this WebApplication app)
    {
        // Both branches.
        app.UseForwardedHeaders();
        // First, so that every response (error pages and refusals included) carries the headers.
        app.UseMiddleware<SecurityHeadersMiddleware>(ApiReferenceExtensions.ReferencePath);
        if (!app.Environment.IsDevelopment())
        {
            // The last resort for a failure no branch answered: in practice a dashboard page's, since the API's branch
            // answers all of its own. Before routing, so that the error page is routed afresh.
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
        // Files from wwwroot (the dashboard's styles and scripts; none lives under /v1), before routing: a page's route
        // template must not claim them, and the sign-in page needs them before anyone is signed in.
        app.UseStaticFiles();
        // Chooses the endpoint only; nothing of it runs before the branch's authorization has passed.
        app.UseRouting();

        app.Split(ApiRequest.Matches, api: UseApi, dashboard: UseDashboard);
        // Then the endpoint routing chose (WebApplication ends the pipeline with it).
        return app;
    }

    /// <summary>A request under <c>/v1</c>.</summary>
    private static void UseApi(IApplicationBuilder api)
    {
        api.Use((context, next) =>
        {
            ApiRequest.Mark(context);
            return next(context);
        });
        // Before anything names the Host in an answer: a foreign one is refused here, as JSON (docs/security-http.md).
        api.UseMiddleware<AllowedHostsMiddleware>(true);
        api.UseMiddleware<NoStoreMiddleware>();
        // Outside the API's error handling, so the status counted and logged is the one the caller got (docs/usage.md).
        api.UseBoltlyUsage();
        // Every failure from here on leaves as the contract's JSON; the body-size limit; HTTPS only.
        api.UseMiddleware<ApiErrorMiddleware>();
        // An API key, a JWT or the dashboard cookie, one per request (Platform/Auth/CredentialSelector), its handler run directly.
        api.UseMiddleware<ApiAuthenticationMiddleware>();
        // A state-changing request sent with the dashboard cookie from another site's page is refused.
        api.UseMiddleware<CrossSiteRequestMiddleware>();
        // After authentication and before authorization, so refused requests count too.
        api.UseMiddleware<RateLimitMiddleware>();
        // Scopes, session-only; a refusal answers as JSON (Platform/Auth/ApiAuthorizationResultHandler).
        api.UseAuthorization();
    }

    /// <summary>Any other request: pages, the Blazor hub, <c>/account/*</c>, static assets, health, the API reference.</summary>
    private static void UseDashboard(IApplicationBuilder dashboard)
    {
        // Before anything names the Host in an answer (a redirect, a link, the passkey relying party): a foreign one is refused.
        dashboard.UseMiddleware<AllowedHostsMiddleware>(false);
        // A statically rendered form holding U+0000 is a 400, not a 500 (docs/security-http.md).
        dashboard.UseMiddleware<FormTextMiddleware>();
        // The dashboard cookie only (ADR 0004).
        dashboard.UseAuthentication();
        dashboard.UseAuthorization();
        dashboard.UseAntiforgery();
    }

    /// <summary>
    /// Sends each request down exactly one of two branches; both continue into the rest of the pipeline. Unlike
    /// <c>UseWhen</c> twice, the test runs once. WebApplication adds authentication, authorization and antiforgery to the
    /// start of the pipeline unless the app places them itself, and learns that from marks the <c>UseXxx</c> calls leave
    /// in the builder's properties; a branch keeps its own copy of those, so its marks are copied up.
    /// </summary>
    private static void Split(this IApplicationBuilder app, Func<HttpContext, bool> isApi,
        Action<IApplicationBuilder> api, Action<IApplicationBuilder> dashboard)
    {
        var apiBranch = app.New();
        api(apiBranch);
        var dashboardBranch = app.New();
        dashboard(dashboardBranch);
        foreach (var (key, value) in apiBranch.Properties.Concat(dashboardBranch.Properties))
            app.Properties.TryAdd(key, value);

        app.Use(next =>
        {
            apiBranch.Run(next);
            dashboardBranch.Run(next);
            var toApi = apiBranch.Build();
            var toDashboard = dashboardBranch.Build();
            return context => isApi(context) ? toApi(context) : toDashboard(context);
        });
    }
}
