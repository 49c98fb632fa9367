namespace Boltly.Features.DeveloperAccess;

public sealed record ServiceInfoResponse(string Service, string Version, string Api, string Documentation, string OpenApi,
    ServiceRateLimits RateLimits, int KeyCacheSeconds, DateTimeOffset Time);
