using Community.Messaging.Inbox;
using Community.Messaging.Outbox;
using Community.Messaging.Persistence;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Community.Services.Grid.Requests;
using Community.Services.Grid.Visits;
using Community.Services.Grid.Volunteers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Community.Services.Grid.Data;

public sealed class GridDbContext(DbContextOptions<GridDbContext> options) : DbContext(options), IMessagingDbContext
{
    public DbSet<Compound> Compounds => Set<Compound>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<KnownVolunteer> KnownVolunteers => Set<KnownVolunteer>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<ResidentTag> ResidentTags => Set<ResidentTag>();

    public DbSet<MicroGrid> Grids => Set<MicroGrid>();

    public DbSet<GridBuilding> GridBuildings => Set<GridBuilding>();

    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    public DbSet<ResidentRequest> Requests => Set<ResidentRequest>();

    public DbSet<RequestChange> RequestChanges => Set<RequestChange>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<Dispute> Disputes => Set<Dispute>();

    public DbSet<MediationSession> MediationSessions => Set<MediationSession>();

    public DbSet<ScheduledFollowUp> ScheduledFollowUps => Set<ScheduledFollowUp>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GridDbContext).Assembly);
        modelBuilder.ApplyMessagingModel();
    }
}

/// <summary>For <c>dotnet ef migrations add</c>: no database is contacted.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<GridDbContext>
{
    public GridDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<GridDbContext>()
            .UseNpgsql("Host=localhost;Database=griddb", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
