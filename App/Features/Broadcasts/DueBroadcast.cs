namespace Boltly.Features.Broadcasts;

/// <summary>A scheduled broadcast whose time has come, and its account.</summary>
public sealed record DueBroadcast(Guid AccountId, Guid BroadcastId);
