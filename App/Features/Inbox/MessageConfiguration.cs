using Boltly.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Boltly.Features.Inbox;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.ToTable("messages");
        b.Property(m => m.Direction).HasMaxLength(16);
        b.Property(m => m.Status).HasMaxLength(16);
        b.Property(m => m.Body).HasMaxLength(4096);
        b.HasIndex(m => new { m.AccountId, m.Id });
        // GET /v1/messages?direction=…&status=…: newest first within the filter, read straight off an index.
        b.HasIndex(m => new { m.AccountId, m.Direction, m.Id });
        b.HasIndex(m => new { m.AccountId, m.Status, m.Id });
        b.HasIndex(m => new { m.ConversationId, m.Id });
        // Broadcast metrics and retry: messages of one broadcast by status.
        b.HasIndex(m => new { m.BroadcastId, m.Status });
        b.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        // messages.broadcast_id's foreign key is Broadcasts' (BroadcastConfiguration): Inbox does not know Broadcasts.
    }
}
