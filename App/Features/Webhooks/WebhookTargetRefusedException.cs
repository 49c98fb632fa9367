namespace Boltly.Features.Webhooks;

/// <summary>A delivery's connection refused because the target resolved to an address webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string reason) : Exception(reason);
