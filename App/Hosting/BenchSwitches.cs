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

    /// <summary>Call after every feature's registration: a switch removes what a feature registered.</summary>
    public static WebApplicationBuilder AddBoltlyBenchSwitches(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(WithoutSessionTokenCheck)) return builder;
        if (!builder.Environment.IsEnvironment(BenchOnlyControllers.EnvironmentName))
            throw new InvalidOperationException(
                $"{WithoutSessionTokenCheck} is a benchmark switch, refused outside the {BenchOnlyControllers.EnvironmentName} environment (docs/performance.md).");
        var services = builder.Services;
        foreach (var check in services.Where(d => d.ServiceType == typeof(IAccessTokenCheck) && d.ImplementationType == typeof(SessionTokenCheck)).ToList())
            services.Remove(check);
        return builder;
    }
}
