using Microsoft.Extensions.Internal;

namespace Boltly.Platform.Caching;

/// <summary>The memory tier's clock from <see cref="TimeProvider"/>: its entries expire on the same clock as everything
/// else, so a test moves time past a lifetime instead of sleeping through it.</summary>
public sealed class TimeProviderSystemClock(TimeProvider clock) : ISystemClock
{
    public DateTimeOffset UtcNow => clock.GetUtcNow();
}
