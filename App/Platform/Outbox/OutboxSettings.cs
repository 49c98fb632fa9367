namespace Boltly.Platform.Outbox;

/// <summary>How one outbox's loop runs on this instance: read from the owning feature's options.</summary>
/// <param name="Enabled">Off: this instance claims nothing (messages wait for the others).</param>
/// <param name="Poll">How long an idle loop waits before looking again (unless woken).</param>
/// <param name="Lease">How long a claim holds; a claimer that dies leaves the message to the next after it.</param>
/// <param name="BatchSize">Messages claimed in one statement at the most.</param>
/// <param name="MaxConcurrent">Messages handled side by side.</param>
/// <param name="Schedule">The waits between failed attempts.</param>
public sealed record OutboxSettings(bool Enabled, TimeSpan Poll, TimeSpan Lease, int BatchSize, int MaxConcurrent, RetrySchedule Schedule);
