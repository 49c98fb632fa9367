using Boltly.Platform.Data;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>Appends security events, the entries of the audit log. Each call is its own small insert, so a failed
/// business transaction still leaves its failure on record. The actor's and the subject's names are written with the
/// entry, so the log still names a member who was removed since.</summary>
public sealed class SecurityEventRecorder(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    private const int NameLength = 256;

    /// <summary>An event about <paramref name="userId"/>'s own credentials or session: that member is its actor (the
    /// system when there is none, as for a failed sign-in with an unknown email).</summary>
    public Task RecordAsync(string type, string outcome, ClientInfo client, Guid? userId = null,
        Guid? accountId = null, string? detail = null, CancellationToken ct = default) =>
        RecordAsync(new AuditEntry(type, outcome, userId is { } id ? AuditActor.Member(id) : AuditActor.System, accountId, client)
        {
            Detail = detail,
        }, ct);

    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actorName = entry.Actor.Name ?? await NameOfAsync(db, entry.Actor, ct);
        var subjectName = entry.SubjectName
            ?? (entry.SubjectUserId is { } subject ? await MemberNameAsync(db, subject, ct) : null);
        db.SecurityEvents.Add(new SecurityEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Type = entry.Action,
            Outcome = entry.Outcome,
            UserId = entry.Actor.Type == AuditActor.MemberType ? entry.Actor.Id : null,
            AccountId = entry.AccountId,
            ClientAddress = Truncate(entry.Client.Address, 64),
            UserAgent = Truncate(entry.Client.UserAgent, 256),
            Detail = Truncate(entry.Detail, 256),
            ActorType = entry.Actor.Type,
            ActorId = entry.Actor.Id,
            ActorName = Truncate(actorName, NameLength),
            SubjectUserId = entry.SubjectUserId,
            SubjectName = Truncate(subjectName, NameLength),
        });
        await db.SaveChangesAsync(ct);
    }

    private static async Task<string?> NameOfAsync(AppDbContext db, AuditActor actor, CancellationToken ct) => actor switch
    {
        { Type: AuditActor.MemberType, Id: { } id } => await MemberNameAsync(db, id, ct),
        // The key's display prefix; read by SQL because the keys' table belongs to a feature above this one.
        { Type: AuditActor.ApiKeyType, Id: { } id } => await db.Database
            .SqlQuery<string>($"SELECT prefix || '…' AS \"Value\" FROM api_keys WHERE id = {id}").FirstOrDefaultAsync(ct),
        _ => null,
    };

    private static Task<string?> MemberNameAsync(AppDbContext db, Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
