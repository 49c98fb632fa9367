using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Platform.Scheduling;

internal sealed class ScheduledJobStateConfiguration : IEntityTypeConfiguration<ScheduledJobState>
{
    public const int NameLength = 128;
    public const int ErrorLength = 1024;

    public void Configure(EntityTypeBuilder<ScheduledJobState> b)
    {
        b.ToTable("scheduled_jobs");
        b.HasKey(j => j.Name);
        b.Property(j => j.Name).HasMaxLength(NameLength);
        b.Property(j => j.LockedBy).HasMaxLength(NameLength + 64);
        b.Property(j => j.LastError).HasMaxLength(ErrorLength);
    }
}
