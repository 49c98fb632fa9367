namespace Boltly.Features.Registration;

/// <summary>How a sign-up, resend or reset request was answered. <see cref="Accepted"/> says nothing about whether
/// the address has an account: a new one and a known one are both accepted.</summary>
public enum AccountMailOutcome
{
    Accepted,
    Throttled,
    SignUpClosed,
}
