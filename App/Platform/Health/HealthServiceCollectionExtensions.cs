using System.Text.Json;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Platform.Health;

public static class HealthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBoltlyHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, ["ready"])
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, ["ready"]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: PostgreSQL (503 when down)
    /// and Redis (200 "degraded" when down: the API keeps serving without it).</summary>
    public static WebApplication MapBoltlyHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        // Each readiness probe asks PostgreSQL and Redis, so it is limited per client address; the pipeline is
        // MapHealthChecks' own, with the limit in front.
        var ready = ((IEndpointRouteBuilder)app).CreateApplicationBuilder()
            .Use(async (context, next) =>
            {
                var decision = await context.RequestServices.GetRequiredService<RateLimitPolicies>()
                    .HitHealthAsync(context.Connection.RemoteIpAddress?.ToString());
                if (decision.Allowed) await next(context);
                else await RateLimitMiddleware.RefuseAsync(context, decision);
            })
            .UseMiddleware<HealthCheckMiddleware>(Options.Create(new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains("ready"),
                ResponseWriter = WriteAsync,
                ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = StatusCodes.Status200OK,
                    [HealthStatus.Degraded] = StatusCodes.Status200OK,
                    [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
                },
            }))
            .Build();
        app.Map("/health/ready", ready).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
