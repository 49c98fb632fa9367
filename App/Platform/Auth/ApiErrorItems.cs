namespace Boltly.Platform.Auth;

/// <summary>Keys of <see cref="HttpContext.Items"/> that authentication hands to the refusal it writes.</summary>
public static class ApiErrorItems
{
    /// <summary>HttpContext.Items key for a specific 401 message set by an authentication handler.</summary>
    public const string AuthFailureMessage = "boltly:auth-failure";
}
