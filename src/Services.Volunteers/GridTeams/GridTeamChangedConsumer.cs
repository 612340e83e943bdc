using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Volunteers.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.GridTeams;

/// <summary>Keeps <see cref="GridTeamMember"/> in step with Grid's teams, once per message, newest change winning.</summary>
public sealed class GridTeamChangedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<GridTeamChangedConsumer> logger)
    : IdempotentConsumer<GridTeamChanged, VolunteersDbContext>(db, time, logger)
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
