using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.ApiKeys.Policy;

internal sealed class AccountKeyPolicyConfiguration : IEntityTypeConfiguration<AccountKeyPolicy>
{
    public void Configure(EntityTypeBuilder<AccountKeyPolicy> b)
    {
        b.ToTable("account_key_policies");
        b.HasKey(p => p.AccountId);
        // The idle revocation reads only accounts that have it on.
        b.HasIndex(p => p.IdleRevokeDays).HasFilter("idle_revoke_days IS NOT NULL");
        b.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
