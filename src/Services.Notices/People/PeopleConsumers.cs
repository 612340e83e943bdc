using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Notices.Data;
using Community.Services.Notices.Privacy;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.People;

/// <summary>Keeps <see cref="KnownResident"/> in step with Grid's records; an older record never overwrites a newer one.</summary>
public sealed class ResidentRecordedConsumer(NoticesDbContext db, TimeProvider time, ILogger<ResidentRecordedConsumer> logger)
    : IdempotentConsumer<ResidentRecorded, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(ResidentRecorded message, ConsumeContext<ResidentRecorded> context)
    {
        if (message.ResidentId == Guid.Empty || string.IsNullOrWhiteSpace(message.Name))
        {
            throw new InvalidMessageException("ResidentRecorded needs a resident and a name.");
        }

        var resident = await Db.KnownResidents.LockedAsync(r => r.ResidentId, message.ResidentId, context.CancellationToken);
        if (resident is null)
        {
            resident = Db.KnownResidents.Add(new KnownResident { ResidentId = message.ResidentId }).Entity;
        }
        else if (resident.RecordedAt > message.RecordedAt)
        {
            return;
        }

        resident.Name = message.Name.Length > 50 ? message.Name[..50] : message.Name;
        // Unlinked: the account is remembered until a link or her erasure (see KnownResident.UnlinkedAccountId).
        resident.UnlinkedAccountId = message.AccountId is null ? resident.AccountId ?? resident.UnlinkedAccountId : null;
        resident.AccountId = message.AccountId;
        resident.GuardianId = message.GuardianId;
        // Someone who moved out is no longer reached through the grid team of the building they left.
        resident.BuildingId = message.MovedOutAt is not null ? null : message.BuildingId ?? resident.BuildingId;
        resident.RecordedAt = message.RecordedAt;
    }
}

/// <summary>Keeps <see cref="ActingConsent"/> in step with Grid's consents; an older change never overwrites a newer one.</summary>
public sealed class ActingConsentChangedConsumer(NoticesDbContext db, TimeProvider time, ILogger<ActingConsentChangedConsumer> logger)
    : IdempotentConsumer<ActingConsentChanged, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(ActingConsentChanged message, ConsumeContext<ActingConsentChanged> context)
    {
        if (message.ConsentId == Guid.Empty || message.ResidentId == Guid.Empty || message.ActorAccountId == Guid.Empty || string.IsNullOrWhiteSpace(message.Purpose))
        {
            throw new InvalidMessageException("ActingConsentChanged needs a consent, a resident, an actor and a purpose.");
        }

        var consent = await Db.ActingConsents.LockedAsync(c => c.ConsentId, message.ConsentId, context.CancellationToken);
        if (consent is null)
        {
            consent = Db.ActingConsents.Add(new ActingConsent { ConsentId = message.ConsentId }).Entity;
        }
        else if (consent.ChangedAt > message.ChangedAt)
        {
            return;
        }

        consent.ResidentId = message.ResidentId;
        consent.ActorAccountId = message.ActorAccountId;
        consent.Purpose = message.Purpose.Length > 30 ? message.Purpose[..30] : message.Purpose;
        consent.ValidUntil = message.ValidUntil;
        consent.WithdrawnAt = message.WithdrawnAt;
        consent.ChangedAt = message.ChangedAt;
    }
}

/// <summary>Keeps <see cref="BuildingGrid"/> in step with Grid; an older announcement never overwrites a newer one.</summary>
public sealed class GridBuildingsChangedConsumer(NoticesDbContext db, TimeProvider time, ILogger<GridBuildingsChangedConsumer> logger)
    : IdempotentConsumer<GridBuildingsChanged, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(GridBuildingsChanged message, ConsumeContext<GridBuildingsChanged> context)
    {
        var cancellationToken = context.CancellationToken;
        // A grid's maps one at a time, and none older than the last one applied: each is the whole grid as of its time.
        await Db.Database.LockForTransactionAsync(GridMap.Lock, [message.GridId], cancellationToken);
        var map = await Db.GridMaps.FindAsync([message.GridId], cancellationToken);
        if (map is not null && map.ChangedAt > message.ChangedAt)
        {
            return;
        }

        if (map is null)
        {
            Db.GridMaps.Add(new GridMap { GridId = message.GridId, ChangedAt = message.ChangedAt });
        }
        else
        {
            map.ChangedAt = message.ChangedAt;
        }

        // Rows locked in one order: a map of another grid waiting here re-reads a row the first moved meanwhile.
        var buildings = message.BuildingIds.ToArray();
        var current = await Db.BuildingGrids
            .FromSql($"SELECT * FROM building_grids WHERE grid_id = {message.GridId} OR building_id = ANY({buildings}) ORDER BY building_id FOR UPDATE")
            .ToListAsync(cancellationToken);
        foreach (var row in current.Where(r => r.ChangedAt <= message.ChangedAt))
        {
            if (message.BuildingIds.Contains(row.BuildingId))
            {
                row.GridId = message.GridId;
                row.ChangedAt = message.ChangedAt;
            }
            else if (row.GridId == message.GridId)
            {
                // Kept, in no grid, as of this change: a late older map of another grid must not put it back.
                row.GridId = null;
                row.ChangedAt = message.ChangedAt;
            }
        }

        foreach (var building in message.BuildingIds.Where(b => current.All(r => r.BuildingId != b)))
        {
            Db.BuildingGrids.Add(new BuildingGrid { BuildingId = building, GridId = message.GridId, ChangedAt = message.ChangedAt });
        }
    }
}

/// <summary>Keeps <see cref="GridTeamMember"/> in step with Grid's teams, newest change winning.</summary>
public sealed class GridTeamChangedConsumer(NoticesDbContext db, TimeProvider time, ILogger<GridTeamChangedConsumer> logger)
    : IdempotentConsumer<GridTeamChanged, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(GridTeamChanged message, ConsumeContext<GridTeamChanged> context)
    {
        if (message.GridId == Guid.Empty || message.VolunteerId == Guid.Empty || message.Change is not ("joined" or "left"))
        {
            throw new InvalidMessageException("GridTeamChanged needs a grid, a volunteer and a change of 'joined' or 'left'.");
        }

        var row = (await Db.GridTeamMembers.FromSql($"""
            SELECT * FROM grid_team_members WHERE grid_id = {message.GridId} AND volunteer_id = {message.VolunteerId} AND role = {message.Role} FOR UPDATE
            """).ToListAsync(context.CancellationToken)).SingleOrDefault();
        if (row is null)
        {
            row = Db.GridTeamMembers.Add(new GridTeamMember { GridId = message.GridId, VolunteerId = message.VolunteerId, Role = message.Role }).Entity;
        }
        else if (row.ChangedAt > message.ChangedAt)
        {
            return;
        }

        row.Active = message.Change == "joined";
        row.ChangedAt = message.ChangedAt;
    }
}

/// <summary>Records whose account a volunteer record is; a later link wins.</summary>
public sealed class VolunteerAccountLinkedConsumer(NoticesDbContext db, TimeProvider time, ILogger<VolunteerAccountLinkedConsumer> logger)
    : IdempotentConsumer<VolunteerAccountLinked, NoticesDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteerAccountLinked message, ConsumeContext<VolunteerAccountLinked> context)
    {
        if (message.VolunteerId == Guid.Empty || message.AccountId == Guid.Empty)
        {
            throw new InvalidMessageException("VolunteerAccountLinked needs a volunteer and an account.");
        }

        var cancellationToken = context.CancellationToken;
        // A link announced before its account's holder had their data erased leads nowhere: kept with no account, as
        // of the request (under the account's lock, so an erasure committing meanwhile is seen).
        await Db.Database.LockForTransactionAsync(ErasedAccount.Lock, [message.AccountId], cancellationToken);
        var erasedAt = await Db.ErasedAccounts.Where(e => e.AccountId == message.AccountId)
            .Select(e => (DateTimeOffset?)e.RequestedAt).FirstOrDefaultAsync(cancellationToken);
        var (account, at) = erasedAt is { } requested && requested >= message.LinkedAt
            ? ((Guid?)null, requested)
            : (message.AccountId, message.LinkedAt);

        var link = await Db.VolunteerAccounts.LockedAsync(l => l.VolunteerId, message.VolunteerId, cancellationToken);
        if (link is null)
        {
            Db.VolunteerAccounts.Add(new VolunteerAccount { VolunteerId = message.VolunteerId, AccountId = account, LinkedAt = at });
        }
        else if (link.LinkedAt <= at)
        {
            link.AccountId = account;
            link.LinkedAt = at;
        }
    }
}
