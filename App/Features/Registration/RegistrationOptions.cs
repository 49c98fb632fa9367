using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Registration;

/// <summary>Sign-up, email confirmation and password reset (docs/registration.md), bound from <c>Auth</c>.</summary>
public sealed class RegistrationOptions
{
    public const string Section = "Auth";

    /// <summary>Whether anyone may create an account. Off: the sign-up page says so and <c>POST /v1/auth/signup</c>
    /// answers 404, as for an endpoint this portal does not offer.</summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>How long a confirmation link works.</summary>
    [Range(1, 720)] public int EmailConfirmationHours { get; set; } = 24;

    /// <summary>How long a password-reset link works.</summary>
    [Range(5, 1440)] public int PasswordResetMinutes { get; set; } = 60;
}
