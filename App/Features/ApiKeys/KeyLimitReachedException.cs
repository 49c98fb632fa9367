using Boltly.Platform.Errors;

namespace Boltly.Features.ApiKeys;

/// <summary>The account already has its maximum of active keys (409 KEY_LIMIT_REACHED).</summary>
public sealed class KeyLimitReachedException(int limit)
    : ConflictException(ErrorCodes.KeyLimitReached,
        $"This account already has {limit} active API keys, the maximum. Revoke a key before creating another.")
{
    public int Limit { get; } = limit;
}
