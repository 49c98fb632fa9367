using Microsoft.AspNetCore.Identity;

namespace Boltly.Platform.Accounts;

/// <summary>A person who signs in; belongs to exactly one account.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid AccountId { get; set; }
    public Account? Account { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The last TOTP time step accepted for this user; a code at or before it is a replay.</summary>
    public long? LastTotpTimeStep { get; set; }

    /// <summary>The member's role in the account (<see cref="MemberRoles"/>); read through <see cref="MemberRoleCache"/>.</summary>
    public string Role { get; set; } = MemberRoles.Owner;

    /// <summary>When the member was removed from the account. The row stays, so the keys they created still name them;
    /// its normalized email and user name are cleared, so nobody signs in as them and the address can be invited again.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
}
