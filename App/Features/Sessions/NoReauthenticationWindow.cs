using System.Security.Claims;

namespace Boltly.Features.Sessions;

/// <summary>Placeholder until server-side sessions land; replaced by the session store's window.</summary>
internal sealed class NoReauthenticationWindow : IReauthenticationWindow
{
    public Task OpenAsync(ClaimsPrincipal caller, CancellationToken cancellationToken) => Task.CompletedTask;
}
