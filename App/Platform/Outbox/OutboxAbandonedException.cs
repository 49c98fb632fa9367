namespace Boltly.Platform.Outbox;

/// <summary>A poison message: its claims kept ending without an outcome until the give-up time.</summary>
public sealed class OutboxAbandonedException(int claims)
    : Exception($"Given up: {claims} claims ended without an outcome (the instance handling it stopped each time).");
