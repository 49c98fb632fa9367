using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Templates;

internal sealed class TemplateConfiguration : IEntityTypeConfiguration<Template>
{
    public const string NameIndex = "ux_templates_account_name_language";

    public void Configure(EntityTypeBuilder<Template> b)
    {
        b.ToTable("templates");
        b.Property(t => t.Name).HasMaxLength(64);
        b.Property(t => t.Language).HasMaxLength(16);
        b.Property(t => t.Category).HasMaxLength(32);
        b.Property(t => t.Body).HasMaxLength(1024);
        b.Property(t => t.Status).HasMaxLength(16);
        b.HasIndex(t => new { t.AccountId, t.Name, t.Language }).IsUnique().HasDatabaseName(NameIndex);
        b.HasIndex(t => new { t.AccountId, t.Id });
        b.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
