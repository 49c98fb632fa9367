using Boltly.Platform.Accounts;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>Who hears about a key: the members who look after the account's keys, read when the notice is written, through
/// a context confined to the key's account (its users are the account's members only).</summary>
public static class KeyRecipients
{
    /// <summary>The key's creator (while a member) and the account's owners and admins: the notices' recipients.</summary>
    public static async Task<IReadOnlyList<Guid>> CreatorOwnersAndAdminsAsync(AppDbContext db, Guid creatorUserId,
        CancellationToken ct) =>
        await db.Users.AsNoTracking().TagWith(BackgroundWork.Tag)
            .Where(u => u.RemovedAt == null
                && (u.Id == creatorUserId || u.Role == MemberRoles.Owner || u.Role == MemberRoles.Admin))
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);

    /// <summary>The account's owners' addresses: who is told at once about a leaked key.</summary>
    public static async Task<IReadOnlyList<string>> OwnerAddressesAsync(AppDbContext db, CancellationToken ct) =>
        await db.Users.AsNoTracking()
            .Where(u => u.RemovedAt == null && u.Role == MemberRoles.Owner && u.Email != null)
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(ct);
}
