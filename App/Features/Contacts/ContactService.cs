using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Features.Webhooks;
using Boltly.Platform.Errors;
using Boltly.Platform.Events;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Contacts;

/// <summary>An account's contacts. Every query runs on an account-scoped context: other accounts' rows do not exist here.</summary>
public sealed class ContactService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, IEventOutbox events, TimeProvider clock)
{
    public const string ListName = "contacts";
    public const int SearchLength = 100;

    public async Task<Contact> CreateAsync(Caller caller, NewContact request, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var phone = ContactRules.Phone(request.Phone, errors);
        var name = ContactRules.Name(request.Name, errors);
        var email = ContactRules.Email(request.Email, errors);
        var tags = ContactRules.Tags(request.Tags, errors);
        var attributes = ContactRules.Attributes("{}", request.Attributes, errors);
        errors.ThrowIfAny();

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (await db.Contacts.AnyAsync(c => c.Phone == phone, ct)) throw Exists(phone!);
        var now = clock.GetUtcNow();
        var contact = new Contact { Phone = phone!, Name = name, Email = email, Tags = tags, Attributes = attributes, CreatedAt = now, UpdatedAt = now };
        db.Contacts.Add(contact);
        events.Emit(db, caller.AccountId, WebhookEvents.ContactCreated, ContactResponse.From(contact));
        await SaveAsync(db, phone!, ct);
        return contact;
    }

    public async Task<Contact?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Page<Contact>> ListAsync(Caller caller, ContactFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var tag = filter.Tag is null ? null : ContactRules.Tag(filter.Tag, errors);
        var search = filter.Search?.Trim();
        if (search is { Length: > SearchLength }) errors.Add("q", $"The search can be at most {SearchLength} characters.");
        errors.ThrowIfAny();

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.Contacts.AsNoTracking();
        if (tag is not null) query = query.Where(c => c.Tags.Contains(tag));
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // On the bare columns (no COALESCE), so the trigram indexes apply; a null name simply does not match.
            query = query.Where(c => EF.Functions.ILike(c.Name!, pattern) || EF.Functions.Like(c.Phone, pattern));
        }
        // The filter is part of the list name, so a cursor from one filtered list is refused on another.
        var list = PageLists.Name(ListName, tag, search);
        return await paginator.PageAsync(query, caller, list, page, c => c, ct);
    }

    public async Task<Contact?> UpdateAsync(Caller caller, Guid id, ContactChanges changes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return null;

        var errors = new ValidationErrors();
        var phone = changes.Phone is null ? contact.Phone : ContactRules.Phone(changes.Phone, errors);
        var name = changes.Name is null ? contact.Name : ContactRules.Name(changes.Name, errors);
        var email = changes.Email is null ? contact.Email : ContactRules.Email(changes.Email, errors);
        var attributes = ContactRules.Attributes(contact.Attributes, changes.Attributes, errors);
        errors.ThrowIfAny();

        if (phone != contact.Phone && await db.Contacts.AnyAsync(c => c.Phone == phone && c.Id != id, ct)) throw Exists(phone!);
        contact.Phone = phone!;
        contact.Name = name;
        contact.Email = email;
        contact.Attributes = attributes;
        contact.UpdatedAt = clock.GetUtcNow();
        events.Emit(db, caller.AccountId, WebhookEvents.ContactUpdated, ContactResponse.From(contact));
        await SaveAsync(db, phone!, ct);
        return contact;
    }

    public async Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        // The query filter confines the delete to the caller's account.
        return await db.Contacts.Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<Contact?> AddTagAsync(Caller caller, Guid id, string? tag, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var value = ContactRules.Tag(tag, errors);
        errors.ThrowIfAny();
        return await ChangeTagsAsync(caller, id, tags =>
        {
            if (tags.Contains(value!)) return tags;
            if (tags.Length >= ContactRules.MaxTags) throw new DomainValidationException("tag", $"A contact can have at most {ContactRules.MaxTags} tags.");
            return [.. tags, value!];
        }, ct);
    }

    /// <summary>Removing a tag the contact does not have succeeds without change.</summary>
    public async Task<Contact?> RemoveTagAsync(Caller caller, Guid id, string tag, CancellationToken ct = default)
    {
        var value = tag.Trim().ToLowerInvariant();
        return await ChangeTagsAsync(caller, id, tags => tags.Where(t => t != value).ToArray(), ct);
    }

    private async Task<Contact?> ChangeTagsAsync(Caller caller, Guid id, Func<string[], string[]> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Row lock: two concurrent tag changes on one contact must not lose each other's tag.
        var contact = await db.Contacts.FromSql($"SELECT * FROM contacts WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (contact is null) return null;
        var updated = change(contact.Tags);
        if (!updated.SequenceEqual(contact.Tags))
        {
            contact.Tags = updated;
            contact.UpdatedAt = clock.GetUtcNow();
            events.Emit(db, caller.AccountId, WebhookEvents.ContactUpdated, ContactResponse.From(contact));
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return contact;
    }

    private static async Task SaveAsync(AppDbContext db, string phone, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex, ContactConfiguration.PhoneIndex))
        {
            throw Exists(phone);
        }
    }

    private static ConflictException Exists(string phone) =>
        new(ErrorCodes.ContactExists, $"A contact with the phone number {phone} already exists in this account.");
}
