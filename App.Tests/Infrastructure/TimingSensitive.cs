namespace Boltly.Tests.Infrastructure;

/// <summary>
/// Tests that measure elapsed time across instances (propagation within a second, a cache lifetime, a
/// delayed eviction) run one after another rather than beside three other busy tests on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "Timing-sensitive";
}
