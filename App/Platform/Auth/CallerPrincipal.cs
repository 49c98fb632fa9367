using System.Security.Claims;

namespace Boltly.Platform.Auth;

/// <summary>
/// A principal that carries its <see cref="Caller"/>, built once when the credential was checked: an API
/// call asks for its caller several times (rate limiting, authorization, the controller), and parsing
/// the claims each time is a measurable part of a request (bench/RESULTS.md).
/// </summary>
public sealed class CallerPrincipal(ClaimsIdentity identity, Caller caller) : ClaimsPrincipal(identity)
{
    public Caller Caller { get; } = caller;
}
