namespace Boltly.Features.ApiKeys.Notices;

/// <summary>A notice a key is due: found by <see cref="KeyNoticeFinder"/>, recorded once by <see cref="KeyNoticeRecorder"/>.</summary>
public sealed record DueNotice(Guid KeyId, Guid AccountId, string Kind, DateTimeOffset Deadline);
