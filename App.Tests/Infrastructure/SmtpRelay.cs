using System.Net;
using System.Net.Sockets;

namespace Boltly.Tests.Infrastructure;

/// <summary>
/// A port the test owns in front of test.sh's smtp4dev: closed until <see cref="Open"/>, then every connection
/// is relayed to smtp4dev, until <see cref="CloseAsync"/>. A host pointed at <see cref="Port"/> sees its SMTP server
/// go down and come back, while other tests keep their smtp4dev.
/// </summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _accepting;

    public int Port { get; } = FreePort();

    public void Open()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _stop = new CancellationTokenSource();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    public async Task CloseAsync()
    {
        if (_listener is null) return;
        await _stop!.CancelAsync();
        _listener.Stop();
        try { await _accepting!; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
        _listener = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private static async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            _ = RelayAsync(client, ct);
        }
    }

    private static async Task RelayAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(TestServices.SmtpHost ?? "127.0.0.1", int.Parse(TestServices.SmtpPort ?? "25", System.Globalization.CultureInfo.InvariantCulture), ct);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up, ct), up.CopyToAsync(down, ct));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
