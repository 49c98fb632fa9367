using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Platform.Accounts;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    /// <summary>The longest role name (<see cref="MemberRoles"/>), with room to spare.</summary>
    private const int RoleLength = 16;

    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.HasOne(u => u.Account).WithMany().HasForeignKey(u => u.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.AccountId);
        // Only TotpTokenProvider's conditional UPDATE writes the last TOTP step. UserManager writes
        // every column of a user it loaded earlier, which would put an older step back and let a
        // code that was just used be accepted again.
        b.Property(u => u.LastTotpTimeStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // Users who existed before roles are their account's owners.
        b.Property(u => u.Role).HasMaxLength(RoleLength).HasDefaultValue(MemberRoles.Owner);
    }
}
