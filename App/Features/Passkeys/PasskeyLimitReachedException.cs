using Boltly.Platform.Errors;

namespace Boltly.Features.Passkeys;

/// <summary>The user already has the maximum of passkeys (409 INVALID_STATE, docs/passkeys.md).</summary>
public sealed class PasskeyLimitReachedException(int limit)
    : ConflictException(ErrorCodes.InvalidState, $"You already have {limit} passkeys, the maximum. Remove one before adding another.")
{
    public int Limit { get; } = limit;
}
