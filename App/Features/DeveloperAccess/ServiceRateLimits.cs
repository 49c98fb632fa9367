namespace Boltly.Features.DeveloperAccess;

public sealed record ServiceRateLimits(int ApiKeyPerWindow, int SessionPerWindow, int WindowSeconds);
