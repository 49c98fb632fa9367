namespace Boltly.Features.Passwords;

public enum PasswordCheckOutcome { Succeeded, RequiresTwoFactor, Failed, Throttled }
