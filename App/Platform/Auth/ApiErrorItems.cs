namespace Boltly.Platform.Auth;

/// <summary>Keys of <see cref="HttpContext.Items"/> that authentication hands to the refusal it writes.</summary>
public static class ApiErrorItems
{
    /// <summary>HttpContext.Items key for a specific 401 message set by an authentication handler.</summary>
    public const string AuthFailureMessage = "boltly:auth-failure";

    /// <summary>HttpContext.Items key for an <see cref="IApiRefusal"/> an authentication handler gives when it knows the
    /// credential but refuses it for a reason of its own (a key used from outside its allowlist): answered as that 403.</summary>
    public const string AuthRefusal = "boltly:auth-refusal";
}
