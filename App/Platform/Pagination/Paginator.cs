using Boltly.Platform.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Pagination;

/// <summary>
/// The one keyset pagination of every list. Rows are ordered newest first by their UUIDv7 id (which
/// sorts by creation time), so a page boundary does not move when rows are inserted. The cursor is
/// the last id seen, bound to the account and the list, encrypted and signed: opaque to clients, and
/// a forged or foreign cursor is refused.
/// </summary>
public sealed class Paginator(IDataProtectionProvider protection, IOptions<PaginationOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Boltly.Cursor.v1");

    /// <summary>The page size for this caller: at most 10 with an API key, 100 with a session.</summary>
    public int EffectiveLimit(Caller caller, int? requested)
    {
        var o = options.Value;
        if (requested is < 1) throw new InvalidPageRequestException("limit", "limit must be a whole number of at least 1.");
        var cap = caller.IsSession ? o.SessionMaxLimit : o.ApiKeyMaxLimit;
        return Math.Min(requested ?? o.DefaultLimit, cap);
    }

    public async Task<Page<TResult>> PageAsync<TEntity, TResult>(IQueryable<TEntity> query, Caller caller, string list,
        PageRequest request, Func<TEntity, TResult> map, CancellationToken ct = default)
        where TEntity : class, IKeysetRow
    {
        var limit = EffectiveLimit(caller, request.Limit);
        if (request.Cursor is not null)
        {
            var after = ReadCursor(request.Cursor, caller.AccountId, list);
            query = query.Where(e => e.Id < after);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore ? WriteCursor(rows[^1].Id, caller.AccountId, list) : null;
        return new Page<TResult>(rows.Select(map).ToList(), hasMore, next);
    }

    /// <summary>As <see cref="PageAsync{TEntity, TResult}"/>, for an append-only log ordered by its sequence, newest first.</summary>
    public async Task<Page<TResult>> PageSequenceAsync<TEntity, TResult>(IQueryable<TEntity> query, Caller caller, string list,
        PageRequest request, Func<TEntity, TResult> map, CancellationToken ct = default)
        where TEntity : class, ISequencedRow
    {
        var limit = EffectiveLimit(caller, request.Limit);
        if (request.Cursor is not null)
        {
            var payload = ReadPayload(request.Cursor, caller.AccountId, list);
            if (!long.TryParse(payload, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after))
                throw new InvalidPageRequestException("cursor", "The cursor is not valid for this list. Use the next_cursor of a previous page.");
            query = query.Where(e => e.Id < after);
        }
        var rows = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(ct);
        var hasMore = rows.Count > limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore
            ? _protector.Protect($"{caller.AccountId:N}|{list}|{rows[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : null;
        return new Page<TResult>(rows.Select(map).ToList(), hasMore, next);
    }

    private string WriteCursor(Guid lastId, Guid accountId, string list) =>
        _protector.Protect($"{accountId:N}|{list}|{lastId:N}");

    private Guid ReadCursor(string cursor, Guid accountId, string list) =>
        Guid.TryParseExact(ReadPayload(cursor, accountId, list), "N", out var id)
            ? id
            : throw new InvalidPageRequestException("cursor", "The cursor is not valid for this list. Use the next_cursor of a previous page.");

    /// <summary>The last position of a cursor, after checking it was made by this list of this account.</summary>
    private string ReadPayload(string cursor, Guid accountId, string list)
    {
        string payload;
        try
        {
            if (cursor.Length > 1024) throw new FormatException();
            payload = _protector.Unprotect(cursor);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            throw new InvalidPageRequestException("cursor", "The cursor is not valid. Use the next_cursor of a previous page.");
        }
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != accountId.ToString("N") || parts[1] != list)
            throw new InvalidPageRequestException("cursor", "The cursor is not valid for this list. Use the next_cursor of a previous page.");
        return parts[2];
    }
}
