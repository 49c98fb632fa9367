using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Usage;

internal sealed class RequestLogTrimMarkConfiguration : IEntityTypeConfiguration<RequestLogTrimMark>
{
    public const string Table = "request_log_trim_queue";

    public void Configure(EntityTypeBuilder<RequestLogTrimMark> b)
    {
        b.ToTable(Table);
        b.HasKey(m => m.ApiKeyId);
        b.Property(m => m.ApiKeyId).ValueGeneratedNever();
    }
}
