using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

/// <summary>For <c>dotnet ef migrations add</c>: the same model as at run time; no database is contacted.</summary>
public abstract class ServiceDesignTimeFactory<TContext>(string database, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => create(
        new DbContextOptionsBuilder<TContext>()
            .UseNpgsql($"Host=localhost;Database={database}", npgsql => npgsql.MigrationsHistoryTable(DatabaseRegistration.MigrationsHistoryTable))
            .UseSnakeCaseNamingConvention()
            .Options);
}
