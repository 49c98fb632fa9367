namespace Boltly.Features.Broadcasts;

public sealed record NewBroadcast(string? Name, Guid? TemplateId, IReadOnlyList<string?>? AudienceTags,
    IReadOnlyList<string?>? Variables, DateTimeOffset? ScheduledAt);
