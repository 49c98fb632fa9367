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
}
