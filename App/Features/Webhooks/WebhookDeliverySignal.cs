namespace Boltly.Features.Webhooks;

/// <summary>Wakes this instance's delivery worker at once (a test event, a retry) instead of at its next poll.</summary>
public sealed class WebhookDeliverySignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { /* already awake */ }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
