using Boltly.Platform.Accounts;
namespace Boltly.Features.Passwords;

/// <summary>The outcome of checking an email and password. Unknown email, wrong password and a locked
/// account are all <see cref="PasswordCheckOutcome.Failed"/>: callers cannot tell them apart.
/// <see cref="PasswordCheckOutcome.Throttled"/> is about the client address, never the account.</summary>
public sealed record PasswordCheckResult(PasswordCheckOutcome Outcome, AppUser? User, int RetryAfterSeconds = 0);
