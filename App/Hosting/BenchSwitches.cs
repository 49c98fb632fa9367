using Boltly.Features.Sessions;
using Boltly.Platform.Api;
using Boltly.Platform.Auth;

namespace Boltly.Hosting;

/// <summary>
/// Switches for the benchmark's comparisons (bench/run.sh, docs/performance.md), honoured in the
/// <see cref="BenchOnlyControllers.EnvironmentName"/> environment only: anywhere else a switch that is set stops the
/// app at start, so a copied setting can never leave a security check out of a real deployment.
/// </summary>
public static class BenchSwitches
{
    /// <summary>Leaves <see cref="SessionTokenCheck"/> out of the access-token checks, to measure what it costs a
    /// request (the d1x/d2x rows: the same JWT path without it, on an instance of its own).</summary>
    public const string WithoutSessionTokenCheck = "Bench:WithoutSessionTokenCheck";

    /// <summary>Leaves requests made with a key out of the request log (they are still counted): the b1n row.</summary>
    public const string WithoutRequestLog = "Bench:WithoutRequestLog";

    /// <summary>Counts rate limits in the instance's memory instead of Redis: the b1l row (what the exact shared count costs).</summary>
    public const string CountLocally = "Bench:CountLocally";

    /// <summary>No rate limit on <c>/v1</c>: the ak row (the twin with a key, without a limit).</summary>
    public const string WithoutRateLimit = "Bench:WithoutRateLimit";

    /// <summary>Call after every feature's registration: a switch removes what a feature registered.</summary>
    public static WebApplicationBuilder AddBoltlyBenchSwitches(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var measurements = new BenchMeasurements(config.GetValue<bool>(WithoutRequestLog), config.GetValue<bool>(CountLocally),
            config.GetValue<bool>(WithoutRateLimit));
        var withoutSessionCheck = config.GetValue<bool>(WithoutSessionTokenCheck);
        if (!withoutSessionCheck && !measurements.Any) return builder;
        if (!builder.Environment.IsEnvironment(BenchOnlyControllers.EnvironmentName))
        {
            var set = new[] { WithoutSessionTokenCheck, WithoutRequestLog, CountLocally, WithoutRateLimit }.Where(config.GetValue<bool>);
            throw new InvalidOperationException(
                $"{string.Join(", ", set)}: benchmark switches, refused outside the {BenchOnlyControllers.EnvironmentName} environment (docs/performance.md).");
        }
        var services = builder.Services;
        if (measurements.Any) services.AddSingleton(measurements);
        if (!withoutSessionCheck) return builder;
        foreach (var check in services.Where(d => d.ServiceType == typeof(IAccessTokenCheck) && d.ImplementationType == typeof(SessionTokenCheck)).ToList())
            services.Remove(check);
        return builder;
    }
}
