using Boltly.Platform.Auth;
using Boltly.Platform.Caching;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Boltly.Features.Sessions;

/// <summary>
/// A circuit whose session ended can do nothing more, whatever its browser does with the navigation to sign-in it is
/// sent (docs/sessions.md). Every inbound activity of the circuit (an event, a JS interop call or answer, a render
/// acknowledgement) first asks <see cref="SessionStore"/> whether the session that opened the circuit is live: when it
/// is not, the activity is dropped and the circuit's connection is aborted. The end of the session also aborts it at
/// once, on the instance that holds the circuit (<see cref="CacheRevocations.Revoked"/> reaches every instance), and a
/// reconnect of an ended session's circuit is aborted as it comes up.
/// </summary>
public sealed class CircuitSessionGuard : CircuitHandler, IDisposable
{
    private readonly SessionStore _sessions;
    private readonly CacheRevocations _revocations;
    private readonly IHttpContextAccessor _http;
    private readonly ILogger<CircuitSessionGuard> _logger;
    private Guid? _sessionId;
    private Guid? _userId;
    private HttpContext? _connection;
    private volatile bool _ended;

    public CircuitSessionGuard(SessionStore sessions, CacheRevocations revocations, IHttpContextAccessor http, ILogger<CircuitSessionGuard> logger)
    {
        _sessions = sessions;
        _revocations = revocations;
        _http = http;
        _logger = logger;
        _revocations.Revoked += OnRevoked;
    }

    /// <summary>True once the circuit's session was found ended: nothing it sends runs any longer.</summary>
    public bool Ended => _ended;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The hub connection's request, authenticated with the dashboard cookie, is the ambient one while the circuit opens.
        if (_http.HttpContext is { } context)
        {
            _connection = context;
            var caller = Caller.From(context.User);
            _sessionId = caller?.SessionId;
            _userId = caller?.UserId;
        }
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_http.HttpContext is { } context) _connection = context;
        if (!await IsLiveAsync(cancellationToken)) Close();
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (!await IsLiveAsync(CancellationToken.None))
            {
                Close();
                return;
            }
            await next(context);
        };

    private async ValueTask<bool> IsLiveAsync(CancellationToken ct)
    {
        if (_ended) return false;
        // A circuit opened without a session (a signed-out page) has nothing to end.
        if (_sessionId is not { } sessionId || _userId is not { } userId) return true;
        if (await _sessions.GetLiveAsync(sessionId, userId, ct) is not null) return true;
        _ended = true;
        return false;
    }

    private void OnRevoked(string cacheKey)
    {
        if (_sessionId is { } mine && SessionStore.SessionOf(cacheKey) == mine)
        {
            _ended = true;
            Close();
        }
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _connection, null) is not { } connection) return;
        _logger.LogInformation("Circuit of ended session {SessionId} closed", _sessionId);
        connection.Abort();
    }

    public void Dispose() => _revocations.Revoked -= OnRevoked;
}
