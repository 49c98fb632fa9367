using System.Net;
using System.Net.Sockets;

namespace Boltly.Features.Webhooks;

/// <summary>
/// The delivery client's connection: resolves the target once, checks those very addresses with
/// <see cref="WebhookTargetPolicy.AddressRefusal"/>, and connects to them, so a second DNS answer cannot swap in
/// an internal address between the check and the connection (DNS rebinding, docs/security-http.md).
/// </summary>
internal sealed class WebhookConnector(IWebhookHostResolver resolver, WebhookTargetPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, ct);
        if (policy.AddressRefusal(host, addresses) is { } refusal) throw new WebhookTargetRefusedException(refusal);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
