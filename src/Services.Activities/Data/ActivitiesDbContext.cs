using Community.Messaging.Persistence;
using Community.Persistence;
using Community.Services.Activities.People;
using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;
using Community.Services.Activities.Sessions;
using Community.Services.Activities.Staffing;
using Community.Services.Activities.Venues;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Data;

public sealed class ActivitiesDbContext(DbContextOptions<ActivitiesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Venue> Venues => Set<Venue>();

    public DbSet<ActivitySeries> Series => Set<ActivitySeries>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<Registration> Registrations => Set<Registration>();

    public DbSet<OfferCallHold> OfferCallHolds => Set<OfferCallHold>();

    public DbSet<VolunteerRole> VolunteerRoles => Set<VolunteerRole>();

    public DbSet<StaffAssignment> StaffAssignments => Set<StaffAssignment>();

    public DbSet<KnownResident> KnownResidents => Set<KnownResident>();

    public DbSet<VolunteerAccount> VolunteerAccounts => Set<VolunteerAccount>();

    public DbSet<ActingConsent> ActingConsents => Set<ActingConsent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // btree_gist lets one exclusion constraint combine "same venue" (=) with "overlapping time" (&&).
        modelBuilder.HasPostgresExtension("btree_gist");
        modelBuilder.HasSequence<long>("waitlist_rank_seq");
        base.OnModelCreating(modelBuilder);
    }
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<ActivitiesDbContext>("activitiesdb", options => new(options));
