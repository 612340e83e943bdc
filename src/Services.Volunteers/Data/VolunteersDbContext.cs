using Community.Messaging.Persistence;
using Community.Persistence;
using Community.Services.Volunteers.GridTeams;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Matching;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Data;

public sealed class VolunteersDbContext(DbContextOptions<VolunteersDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Volunteer> Volunteers => Set<Volunteer>();

    public DbSet<GuardianConsent> Consents => Set<GuardianConsent>();

    public DbSet<Skill> Skills => Set<Skill>();

    public DbSet<AvailabilitySlot> AvailabilitySlots => Set<AvailabilitySlot>();

    public DbSet<Opportunity> Opportunities => Set<Opportunity>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    public DbSet<ServiceHours> ServiceHours => Set<ServiceHours>();

    public DbSet<HoursChange> HoursChanges => Set<HoursChange>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    public DbSet<BuildingGrid> BuildingGrids => Set<BuildingGrid>();

    public DbSet<GridMap> GridMaps => Set<GridMap>();

    public DbSet<GridTeamMember> GridTeamMembers => Set<GridTeamMember>();

    public DbSet<Opportunities.SessionSchedule> SessionSchedules => Set<Opportunities.SessionSchedule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // btree_gist lets one exclusion constraint combine "same volunteer" (=) with "overlapping time" (&&).
        modelBuilder.HasPostgresExtension("btree_gist");
        base.OnModelCreating(modelBuilder);
    }
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<VolunteersDbContext>("volunteersdb", options => new(options));
