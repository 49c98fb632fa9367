namespace Boltly.Features.Registration;

/// <summary>The answer to a request that may send an account mail; <see cref="RetryAfterSeconds"/> when throttled.</summary>
public sealed record AccountMailResult(AccountMailOutcome Outcome, int RetryAfterSeconds = 0)
{
    public static readonly AccountMailResult Accepted = new(AccountMailOutcome.Accepted);
}
