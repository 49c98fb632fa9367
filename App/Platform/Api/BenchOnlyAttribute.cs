namespace Boltly.Platform.Api;

/// <summary>
/// A controller that exists only for the benchmark (bench/run.sh): mapped when the app runs in the
/// <see cref="BenchOnlyControllers.EnvironmentName"/> environment and nowhere else, Production included.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class BenchOnlyAttribute : Attribute;
