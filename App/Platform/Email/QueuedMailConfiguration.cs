using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Platform.Email;

internal sealed class QueuedMailConfiguration : IEntityTypeConfiguration<QueuedMail>
{
    public const int AddressLength = 320;
    public const int SubjectLength = 998;
    public const int ErrorLength = 1024;

    public void Configure(EntityTypeBuilder<QueuedMail> b)
    {
        b.ToTable("mail_messages");
        b.Property(m => m.ToAddress).HasMaxLength(AddressLength);
        b.Property(m => m.Template).HasMaxLength(64);
        b.Property(m => m.Subject).HasMaxLength(SubjectLength);
        b.Property(m => m.Status).HasMaxLength(16);
        b.Property(m => m.LastError).HasMaxLength(ErrorLength);
        // The worker's claim: pending mail in due order.
        b.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'pending'");
        // The purge: finished mail by age.
        b.HasIndex(m => m.CreatedAt).HasFilter("status <> 'pending'");
    }
}
