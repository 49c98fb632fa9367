namespace Boltly.Features.Broadcasts;

/// <summary>Recipients when sent; their messages by status now (delivery updates them outside the product).</summary>
public sealed record BroadcastMetrics(Guid BroadcastId, string Status, int Recipients, int Queued, int Sent, int Delivered, int Failed);
