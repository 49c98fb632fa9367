using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Usage;

internal sealed class LoggedRequestConfiguration : IEntityTypeConfiguration<LoggedRequest>
{
    public const string Table = "request_log";

    public void Configure(EntityTypeBuilder<LoggedRequest> b)
    {
        b.ToTable(Table);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Method).HasMaxLength(16);
        b.Property(r => r.ClientAddress).HasMaxLength(64);
        // A key's log newest first, and the per-key cap, read this index.
        b.HasIndex(r => new { r.ApiKeyId, r.Id });
        b.HasIndex(r => r.At);
    }
}
