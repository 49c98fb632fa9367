namespace Boltly.Features.Broadcasts;

public sealed record NewBroadcast(string? Name, Guid? TemplateId, IReadOnlyList<string?>? AudienceTags,
    IReadOnlyList<string?>? Variables, DateTimeOffset? ScheduledAt);

/// <summary>Recipients when sent; their messages by status now (delivery updates them outside the product).</summary>
public sealed record BroadcastMetrics(Guid BroadcastId, string Status, int Recipients, int Queued, int Sent, int Delivered, int Failed);
