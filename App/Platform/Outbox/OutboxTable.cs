namespace Boltly.Platform.Outbox;

/// <summary>
/// Where one outbox keeps its messages and which columns hold the claim and the schedule (docs/decisions/0025-one-outbox.md).
/// Names here are fixed identifiers of the owning feature, never input: the claim and record statements are built from them.
/// In <see cref="GiveUpAtSql"/> and <see cref="ClaimFilterSql"/> the message row is aliased <c>m</c>.
/// </summary>
public sealed record OutboxTable
{
    public required string Name { get; init; }
    public required string StatusColumn { get; init; }
    public string Pending { get; init; } = "pending";
    /// <summary>The status of a message that reached its receiver.</summary>
    public required string Done { get; init; }
    /// <summary>The status of a message given up (the schedule ended, the receiver said stop, or it was poison).</summary>
    public string GivenUp { get; init; } = "failed";
    /// <summary>Incremented by every claim, finished or not: what tells a message whose handling never finishes.</summary>
    public required string ClaimsColumn { get; init; }
    public required string NextAttemptColumn { get; init; }
    /// <summary>Whether the next attempt is cleared once the message is done or given up (a nullable column).</summary>
    public bool NextAttemptClearedWhenFinished { get; init; }
    public required string LeaseColumn { get; init; }
    public required string TokenColumn { get; init; }
    /// <summary>An SQL expression over <c>m</c>: when retries end.</summary>
    public required string GiveUpAtSql { get; init; }
    /// <summary>Set to the time the message was done.</summary>
    public string? DoneAtColumn { get; init; }
    /// <summary>The last failure's text, cleared when done.</summary>
    public string? LastErrorColumn { get; init; }
    public int LastErrorLength { get; init; } = 500;
    /// <summary>Incremented by every recorded attempt (claims that ended with an outcome).</summary>
    public string? AttemptsColumn { get; init; }
    public string? LastAttemptAtColumn { get; init; }
    /// <summary>An extra SQL condition over <c>m</c> a message must meet to be claimed.</summary>
    public string? ClaimFilterSql { get; init; }
}
