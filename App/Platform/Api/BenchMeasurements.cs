namespace Boltly.Platform.Api;

/// <summary>
/// What the benchmark leaves out of an instance to measure its cost (bench/run.sh, docs/performance.md), set only by
/// Hosting's <c>BenchSwitches</c>, which refuses them outside the <see cref="BenchOnlyControllers.EnvironmentName"/>
/// environment. Not registered anywhere else: the parts that honour a switch take it as an optional dependency and
/// read it once, when they are made.
/// </summary>
/// <param name="WithoutRequestLog">Requests made with a key are counted but not queued for the request log.</param>
/// <param name="CountLocally">Rate limits counted in this instance's memory only, never in Redis.</param>
/// <param name="WithoutRateLimit">Requests on <c>/v1</c> are not counted against any limit and get no limit headers.</param>
public sealed record BenchMeasurements(bool WithoutRequestLog, bool CountLocally, bool WithoutRateLimit)
{
    public bool Any => WithoutRequestLog || CountLocally || WithoutRateLimit;
}
