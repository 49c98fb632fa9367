namespace Boltly.Platform.Errors;

/// <summary>A request over one of its rate limits (<c>Platform/RateLimiting/RateLimitPolicies</c>), thrown by a domain service
/// that both the API and a page call: <see cref="DomainExceptionFilter"/> answers it as the contract's
/// <c>429 RATE_LIMIT_EXCEEDED</c> with <c>Retry-After</c>; a page says when to try again.</summary>
public sealed class RateLimitedException(int retryAfterSeconds)
    : Exception($"Rate limit exceeded, retry in {retryAfterSeconds} seconds")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
