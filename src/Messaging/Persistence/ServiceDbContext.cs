using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Community.Messaging.Persistence;

/// <summary>
/// A service's own database: its feature folders' entity configurations (every
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in the service's assembly) beside the outbox and inbox tables.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options), IMessagingDbContext
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);
        modelBuilder.ApplyMessagingModel();
    }
}
