namespace Boltly.Features.Passwords;

public sealed record PasswordRuleViolation(string Code, string Message);
