using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Volunteers.Data;
using MassTransit;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// A session's need for volunteers becomes an opportunity with one shift at the session's time — as the session now is,
/// if a move or a cancellation of it arrived before the request (<see cref="SessionSchedule"/>).
/// </summary>
public sealed class VolunteersRequestedConsumer(VolunteersDbContext db, TimeProvider time, ILogger<VolunteersRequestedConsumer> logger)
    : IdempotentConsumer<VolunteersRequested, VolunteersDbContext>(db, time, logger)
{
    protected override async Task HandleAsync(VolunteersRequested message, ConsumeContext<VolunteersRequested> context)
    {
        if (!NeedIntake.IsMeetable(message.Needed, message.StartsAt, message.EndsAt))
        {
            throw new InvalidMessageException("VolunteersRequested needs at least one volunteer and a time range.");
        }

        if (await Db.IsKnownAsync(message.RequestId, context.CancellationToken))
        {
            return;
        }

        // A move or a cancellation of the session may have arrived first: the shift is made as the session now is.
        var schedule = await Db.LockScheduleAsync(message.SessionId, context.CancellationToken);
        var (startsAt, endsAt) = schedule.TimeFor(message.StartsAt, message.EndsAt, message.RequestedAt);
        var opportunity = Opportunity.Open(message.SourceService, message.RequestId, message.Role, message.Skill, Time.GetUtcNow(), message.SessionId);
        var shift = Db.OpenWithOneShift(opportunity, startsAt, endsAt, $"venue {message.VenueId}", null, message.Needed);
        if (schedule.CancelledAt is not null)
        {
            shift.Status = ShiftStatuses.Cancelled;
        }
    }
}
