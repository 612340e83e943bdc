using Community.Messaging.Persistence;
using Community.Persistence;
using Community.Services.Grid.Cats;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Community.Services.Grid.Requests;
using Community.Services.Grid.Visits;
using Community.Services.Grid.Volunteers;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Data;

public sealed class GridDbContext(DbContextOptions<GridDbContext> options) : ServiceDbContext(options)
{
    public DbSet<Compound> Compounds => Set<Compound>();

    public DbSet<Building> Buildings => Set<Building>();

    public DbSet<KnownVolunteer> KnownVolunteers => Set<KnownVolunteer>();

    public DbSet<RequestHelp> RequestHelp => Set<RequestHelp>();

    public DbSet<SensitiveTagRead> SensitiveTagReads => Set<SensitiveTagRead>();

    public DbSet<RequestHelper> RequestHelpers => Set<RequestHelper>();

    public DbSet<VolunteerAccount> VolunteerAccounts => Set<VolunteerAccount>();

    public DbSet<Consents.ActingConsent> ActingConsents => Set<Consents.ActingConsent>();

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

    public DbSet<Equipment.EquipmentItem> EquipmentItems => Set<Equipment.EquipmentItem>();

    public DbSet<Equipment.ItemEvent> EquipmentItemEvents => Set<Equipment.ItemEvent>();

    public DbSet<Equipment.Loan> EquipmentLoans => Set<Equipment.Loan>();

    public DbSet<Equipment.EquipmentWait> EquipmentWaits => Set<Equipment.EquipmentWait>();

    public DbSet<Equipment.EquipmentNeed> EquipmentNeeds => Set<Equipment.EquipmentNeed>();

    public DbSet<Colony> Colonies => Set<Colony>();

    public DbSet<Cat> Cats => Set<Cat>();

    public DbSet<CatStay> CatStays => Set<CatStay>();

    public DbSet<CatVaccination> CatVaccinations => Set<CatVaccination>();

    public DbSet<FeedingStation> FeedingStations => Set<FeedingStation>();

    public DbSet<StationCaretaker> StationCaretakers => Set<StationCaretaker>();

    public DbSet<Feeding> Feedings => Set<Feeding>();

    public DbSet<ColonyComplaint> ColonyComplaints => Set<ColonyComplaint>();
}

internal sealed class DesignTimeFactory() : ServiceDesignTimeFactory<GridDbContext>("griddb", options => new(options));
