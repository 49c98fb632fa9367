using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Contacts;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public const string PhoneIndex = "ux_contacts_account_phone";

    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.Property(c => c.Phone).HasMaxLength(16);
        b.Property(c => c.Name).HasMaxLength(Boltly.Features.Contacts.ContactRules.NameLength);
        b.Property(c => c.Email).HasMaxLength(Boltly.Features.Contacts.ContactRules.EmailLength);
        b.Property(c => c.Attributes).HasColumnType("jsonb");
        b.HasIndex(c => new { c.AccountId, c.Phone }).IsUnique().HasDatabaseName(PhoneIndex);
        // Lists page newest first by id within the account.
        b.HasIndex(c => new { c.AccountId, c.Id });
        // Tag filter and broadcast audiences: tags @> / && on a GIN index.
        b.HasIndex(c => c.Tags).HasMethod("gin");
        // Search (q): name ILIKE and phone LIKE '%…%' have no usable btree; trigram GIN indexes serve both.
        b.HasIndex(c => c.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_contacts_name_trgm");
        b.HasIndex(c => c.Phone).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_contacts_phone_trgm");
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
