using Community.Messaging.Persistence;
using Community.Persistence;
using Community.Services.Notices.Activities;
using Community.Services.Notices.CallList;
using Community.Services.Notices.Inbox;
using Community.Services.Notices.People;
using Community.Services.Notices.Preferences;
using Community.Services.Notices.Shifts;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Data;

public sealed class NoticesDbContext(DbContextOptions<NoticesDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<NoticeRead> NoticeReads => Set<NoticeRead>();

    public DbSet<CallListEntry> CallListEntries => Set<CallListEntry>();

    public DbSet<NoticePreference> Preferences => Set<NoticePreference>();

    public DbSet<KnownResident> KnownResidents => Set<KnownResident>();

    public DbSet<ActingConsent> ActingConsents => Set<ActingConsent>();

    public DbSet<BuildingGrid> BuildingGrids => Set<BuildingGrid>();

    public DbSet<GridMap> GridMaps => Set<GridMap>();

    public DbSet<Privacy.ErasedAccount> ErasedAccounts => Set<Privacy.ErasedAccount>();

    public DbSet<GridTeamMember> GridTeamMembers => Set<GridTeamMember>();

    public DbSet<VolunteerAccount> VolunteerAccounts => Set<VolunteerAccount>();

    public DbSet<TrackedSession> Sessions => Set<TrackedSession>();

    public DbSet<TrackedRegistration> Registrations => Set<TrackedRegistration>();

    public DbSet<SessionVolunteerRequest> SessionVolunteerRequests => Set<SessionVolunteerRequest>();

    public DbSet<TrackedAssignment> Assignments => Set<TrackedAssignment>();
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<NoticesDbContext>("noticesdb", options => new(options));
