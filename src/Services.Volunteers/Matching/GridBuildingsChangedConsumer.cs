using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Persistence;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Matching;

/// <summary>Keeps <see cref="BuildingGrid"/> in step with the Grid service; an older announcement never overwrites a newer one.</summary>
public sealed class GridBuildingsChangedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<GridBuildingsChangedConsumer> logger)
    : IdempotentConsumer<GridBuildingsChanged, VolunteersDbContext>(db, time, logger)
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
