using Boltly.Platform.Auth;

namespace Boltly.Features.Sessions;

/// <summary>
/// Opens the caller's re-authentication (sudo) window after a proof made outside the password/code path,
/// such as a passkey assertion (docs/sessions.md).
/// </summary>
public interface IReauthenticationWindow
{
    /// <summary>Marks the caller's current session as authenticated now.</summary>
    Task OpenAsync(Caller caller, CancellationToken cancellationToken);
}
