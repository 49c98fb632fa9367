using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Templates;

public sealed class TemplateService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, TimeProvider clock,
    IEnumerable<ITemplateUse> uses)
{
    public async Task<Template> CreateAsync(Caller caller, NewTemplate request, CancellationToken ct = default)
    {
        var (name, language, category, body, placeholders) = TemplateRules.Validate(request);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (await db.Templates.AnyAsync(t => t.Name == name && t.Language == language, ct)) throw Exists(name, language);
        var template = new Template
        {
            Name = name, Language = language, Category = category, Body = body, PlaceholderCount = placeholders,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Templates.Add(template);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex, TemplateConfiguration.NameIndex))
        {
            throw Exists(name, language);
        }
        return template;
    }

    public async Task<Template?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    public async Task<Page<Template>> ListAsync(Caller caller, string? status, PageRequest page, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        errors.OneOf("status", status, TemplateStatus.All);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.Templates.AsNoTracking();
        if (status is not null) query = query.Where(t => t.Status == status);
        return await paginator.PageAsync(query, caller, PageLists.Name("templates", status), page, t => t, ct);
    }

    /// <summary>draft → pending (review happens outside the product). Null when no such template.</summary>
    public async Task<Template?> SubmitAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null) return null;
        // Conditional update: of two concurrent submits, one moves the template and the other is refused.
        var moved = await db.Templates.Where(t => t.Id == id && t.Status == TemplateStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TemplateStatus.Pending).SetProperty(t => t.SubmittedAt, clock.GetUtcNow()), ct);
        if (moved == 0) throw new InvalidStateException($"Only a draft template can be submitted; this one is {template.Status}.");
        await db.Entry(template).ReloadAsync(ct);
        return template;
    }

    /// <summary>False when no such template; 409 when a feature that uses templates refuses (<see cref="ITemplateUse"/>).</summary>
    public async Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.Templates.AnyAsync(t => t.Id == id, ct)) return false;
        foreach (var use in uses)
            if (await use.RefusalAsync(db, id, ct) is { } refusal) throw new InvalidStateException(refusal);
        try
        {
            return await db.Templates.Where(t => t.Id == id).ExecuteDeleteAsync(ct) > 0;
        }
        catch (DbUpdateException)
        {
            throw new InvalidStateException("A broadcast uses this template.");
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new InvalidStateException("A broadcast uses this template.");
        }
    }

    private static ConflictException Exists(string name, string language) =>
        new(ErrorCodes.TemplateExists, $"A template named {name} in language {language} already exists in this account.");
}
