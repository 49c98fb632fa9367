namespace Boltly.Platform.Data;

/// <summary>
/// Marks the SQL of background work (the mail outbox worker, the scheduler): EF queries carry it with
/// <c>TagWith(BackgroundWork.Tag)</c>, raw SQL starts with <see cref="SqlComment"/>. Seen in
/// <c>pg_stat_activity</c> and logs, it tells a request's statements from the workers'; tests that count a
/// request's statements leave these out.
/// </summary>
public static class BackgroundWork
{
    public const string Tag = "boltly:background";
    public const string SqlComment = "-- " + Tag + "\n";
}
