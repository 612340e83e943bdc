using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Community.Messaging.Persistence;

/// <summary>A service's DbContext that holds its outbox and inbox tables beside its own.</summary>
public interface IMessagingDbContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<InboxMessage> InboxMessages { get; }
}

public static class MessagingDbContextExtensions
{
    /// <summary>
    /// Queues an integration event in the outbox. It is saved with the caller's other changes, in the same
    /// transaction, and published by the relay after commit.
    /// </summary>
    public static void AddEvent<T>(this IMessagingDbContext db, T message, DateTimeOffset now) where T : class =>
        db.OutboxMessages.Add(OutboxMessage.Create(message, now));

    public static ModelBuilder ApplyMessagingModel(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.MessageType).HasMaxLength(500);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasMaxLength(100);
            outbox.Property(m => m.TraceState).HasMaxLength(500);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.Ignore(m => m.Event);
            // The relay's query: pending rows due now, oldest first. Published rows drop out of the index.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.CreatedAt })
                .HasDatabaseName("ix_outbox_messages_pending")
                .HasFilter("published_at IS NULL");
            outbox.HasIndex(m => m.PublishedAt)
                .HasDatabaseName("ix_outbox_messages_published_at")
                .HasFilter("published_at IS NOT NULL");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.Property(m => m.MessageType).HasMaxLength(500);
        });

        return modelBuilder;
    }
}
