using Boltly.Platform.Auth;
using Boltly.Platform.Http;

namespace Boltly.Features.Sessions;

/// <summary>
/// Re-authentication with something the person types (the password, or an authenticator or recovery code): checks the
/// proof and opens the caller's window (docs/sessions.md). The one call the API's <c>POST /v1/auth/reauthenticate</c>,
/// the dashboard's dialog and the statically rendered confirm forms share; the flow that checks each method lives
/// above the methods (Features/AccountSecurity), so a method's own panel asks through this without knowing the others.
/// </summary>
public interface IReauthentication
{
    Task<ReauthenticationResult> ReauthenticateAsync(Caller caller, string? password, string? code, ClientInfo client, CancellationToken ct = default);
}
