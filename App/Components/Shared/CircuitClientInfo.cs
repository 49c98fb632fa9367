using Boltly.Platform.Http;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Boltly.Components.Shared;

/// <summary>
/// The client address and user agent of an interactive circuit, for security events recorded from it.
/// A circuit has no HttpContext of its own: when it opens, the hub connection's request (after
/// forwarded headers) is still the ambient one, so it is read once then. Unknown outside a circuit.
/// </summary>
public sealed class CircuitClientInfo(IHttpContextAccessor http) : CircuitHandler
{
    public ClientInfo Current { get; private set; } = ClientInfo.Unknown;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (http.HttpContext is { } context) Current = context.GetClientInfo();
        return Task.CompletedTask;
    }
}
