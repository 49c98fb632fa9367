using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Members;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.ToTable("invitations");
        b.Property(i => i.Email).HasMaxLength(MemberOptions.MaxEmailLength);
        b.Property(i => i.NormalizedEmail).HasMaxLength(MemberOptions.MaxEmailLength);
        b.Property(i => i.Role).HasMaxLength(16);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.AccountId, i.NormalizedEmail });
    }
}
