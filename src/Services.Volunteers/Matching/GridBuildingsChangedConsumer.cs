using Community.Contracts;
using Community.Messaging.Inbox;
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
        // Locked in one order: an older announcement waiting here re-reads a row a newer one moved meanwhile.
        var buildings = message.BuildingIds.ToArray();
        var current = await Db.BuildingGrids
            .FromSql($"SELECT * FROM building_grids WHERE grid_id = {message.GridId} OR building_id = ANY({buildings}) ORDER BY building_id FOR UPDATE")
            .ToListAsync(context.CancellationToken);
        foreach (var row in current.Where(r => r.ChangedAt <= message.ChangedAt))
        {
            if (row.GridId == message.GridId && !message.BuildingIds.Contains(row.BuildingId))
            {
                // Kept, in no grid, as of this change: a late older announcement must not put it back.
                row.GridId = null;
                row.ChangedAt = message.ChangedAt;
            }
            else if (message.BuildingIds.Contains(row.BuildingId))
            {
                row.GridId = message.GridId;
                row.ChangedAt = message.ChangedAt;
            }
        }

        foreach (var building in message.BuildingIds.Where(b => current.All(r => r.BuildingId != b)))
        {
            Db.BuildingGrids.Add(new BuildingGrid { BuildingId = building, GridId = message.GridId, ChangedAt = message.ChangedAt });
        }
    }
}
