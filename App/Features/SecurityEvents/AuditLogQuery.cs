using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.SecurityEvents;

/// <summary>The account's audit log, newest first, filtered and cursor-paginated (API.md "Audit log"). Session only; any
/// role may read it.</summary>
public sealed class AuditLogQuery(IDbContextFactory<AppDbContext> contexts, Paginator paginator)
{
    public const string ListName = "audit_log";

    public async Task<Page<AuditLogEntry>> ListAsync(Caller caller, AuditLogFilter filter, PageRequest page, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        var errors = new ValidationErrors();
        Guid? actorId = null;
        if (filter.Actor is { } actor)
        {
            if (Guid.TryParse(actor, out var id)) actorId = id;
            else errors.OneOf("actor", actor, AuditActor.Types);
        }
        errors.OneOf("action", filter.Action, SecurityEventTypes.All);
        if (filter is { From: { } from, To: { } to } && from >= to) errors.Add("to", "to must be after from.");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.SecurityEvents.AsNoTracking();
        if (actorId is { } who) query = query.Where(e => e.ActorId == who);
        else if (filter.Actor is { } type) query = query.Where(e => e.ActorType == type);
        if (filter.Action is { } action) query = query.Where(e => e.Type == action);
        if (filter.From is { } start) query = query.Where(e => e.OccurredAt >= start);
        if (filter.To is { } end) query = query.Where(e => e.OccurredAt < end);
        var list = PageLists.Name(ListName, filter.Actor, filter.Action, filter.From?.ToString("O"), filter.To?.ToString("O"));
        return await paginator.PageSequenceAsync(query, caller, list, page, AuditLogEntry.From, ct);
    }
}
