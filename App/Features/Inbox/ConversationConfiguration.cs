using Boltly.Features.Contacts;
using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Inbox;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public const string ContactIndex = "ux_conversations_contact";

    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.ToTable("conversations");
        b.Property(c => c.Status).HasMaxLength(16);
        // One conversation per contact.
        b.HasIndex(c => c.ContactId).IsUnique().HasDatabaseName(ContactIndex);
        b.HasIndex(c => new { c.AccountId, c.Id });
        b.HasIndex(c => new { c.AccountId, c.Status, c.Id });
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
