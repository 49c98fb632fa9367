using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Boltly.Features.Sessions;

/// <summary>
/// Whether the current DI scope belongs to an interactive circuit. A statically rendered request has a scope of its
/// own too, and the framework hands it an authentication state that starts the periodic revalidation loop; that
/// request was authenticated by the cookie a moment ago, so only circuits are revalidated (docs/sessions.md).
/// </summary>
public sealed class CircuitPresence : CircuitHandler
{
    /// <summary>True once the scope's circuit has opened.</summary>
    public bool InCircuit { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        InCircuit = true;
        return Task.CompletedTask;
    }
}
