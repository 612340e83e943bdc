using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Community.Services.Activities.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Community.Services.Activities.Data;

public sealed class ActivitiesDbContext(DbContextOptions<ActivitiesDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<ActivitySeries> Series => Set<ActivitySeries>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<VolunteerRole> VolunteerRoles => Set<VolunteerRole>();

    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // btree_gist lets one exclusion constraint combine "same venue" (=) with "overlapping time" (&&).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasSequence<long>("waitlist_rank_seq");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ActivitiesDbContext).Assembly);
        modelBuilder.ApplyMessagingModel();
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ActivitiesDbContext>
{
    public ActivitiesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<ActivitiesDbContext>()
            .UseNpgsql("Host=localhost;Database=activitiesdb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
