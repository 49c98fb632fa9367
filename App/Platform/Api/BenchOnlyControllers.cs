using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Boltly.Platform.Api;

/// <summary>
/// Removes every <see cref="BenchOnlyAttribute"/> controller unless the environment is
/// <see cref="EnvironmentName"/>: the benchmark's twin baseline is never mapped in Production, Testing or
/// Development (docs/performance.md).
/// </summary>
public sealed class BenchOnlyControllers(IHostEnvironment environment) : IApplicationFeatureProvider<ControllerFeature>
{
    /// <summary>The environment bench/run.sh starts the app in; it behaves as Production otherwise.</summary>
    public const string EnvironmentName = "Bench";

    public void PopulateFeature(IEnumerable<ApplicationPart> parts, ControllerFeature feature)
    {
        if (environment.IsEnvironment(EnvironmentName)) return;
        foreach (var type in feature.Controllers.Where(t => t.GetCustomAttribute<BenchOnlyAttribute>() is not null).ToList())
            feature.Controllers.Remove(type);
    }
}
