namespace Boltly.Components.Shared;

/// <summary>
/// One row of <see cref="SecurityEventsTable"/>: what the table shows of a security event. The shell defines it and the
/// SecurityEvents feature's event implements it, so the shared table does not depend on a feature.
/// </summary>
public interface ISecurityEventRow
{
    DateTimeOffset OccurredAt { get; }
    string Type { get; }
    string? Detail { get; }
    string Outcome { get; }
    string? ClientAddress { get; }
    string? UserAgent { get; }
}
