namespace Boltly.Features.Auth;

public enum PasswordCheckOutcome { Succeeded, RequiresTwoFactor, Failed, Throttled }
