using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Messaging.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Privacy;
using Community.Persistence;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Volunteers.Privacy;

/// <summary>
/// The registry's part of a person's erasure (PIPL art. 47), for the volunteer record linked to their account. They
/// leave every shift not yet begun (each withdrawal announced as any other, under the shifts' locks taken in id order
/// as every roster change takes them), their teams and their availability; the record loses name, phone, work unit,
/// skills, home and account, and keeps only the birth year — it stays, unnamed, for the hours it served (the station's
/// totals), and Grid's copy follows (<see cref="VolunteerProfileChanged"/>). A supervisor's leaving that leaves children
/// short of adults is told to station staff. Self-logged time loses the volunteer's own words. What they did (confirmed someone's hours) keeps their account id, not their name. The records of children they are guardian
/// of are the children's: they stay, with the consents given for them (withdrawing one is its own step).
/// </summary>
public sealed class PersonErasureRequestedConsumer(
    VolunteersDbContext db, IOptions<SupervisionOptions> supervision, TimeProvider time, ILogger<PersonErasureRequestedConsumer> logger)
    : PersonErasureConsumer<VolunteersDbContext>(db, time, logger, "volunteers")
{
    protected override async Task<int> EraseAsync(PersonErasureRequested message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(now);
        var records = 0;
        foreach (var volunteer in await Db.Volunteers.Where(v => v.AccountId == message.AccountId).ToListAsync(cancellationToken))
        {
            var shifts = await Db.LeaveComingShiftsAsync(volunteer.Id, now, cancellationToken);
            records += shifts.Count;
            if (volunteer.MaySuperviseOn(today))
            {
                await TellOfShortSupervisionAsync(shifts, volunteer.Id, today, now, cancellationToken);
            }

            records += await Db.AvailabilitySlots.Where(a => a.VolunteerId == volunteer.Id).ExecuteDeleteAsync(cancellationToken);
            records += await Db.TeamMemberships.Where(m => m.VolunteerId == volunteer.Id && m.LeftAt == null)
                .ExecuteUpdateAsync(m => m.SetProperty(x => x.LeftAt, now), cancellationToken);
            // Time she logged herself keeps its minutes (the station's totals) but not her own words of what she did,
            // which may name the people she helped and where they live.
            records += await Db.ServiceHours.Where(h => h.VolunteerId == volunteer.Id && h.Source == HourSources.SelfLog && h.Activity != Erased.Text)
                .ExecuteUpdateAsync(h => h.SetProperty(x => x.Activity, Erased.Text), cancellationToken);
            var adult = !volunteer.IsMinorOn(today);
            volunteer.Erase(Erased.Name);
            records++;
            if (adult)
            {
                Db.AddEvent(new VolunteerProfileChanged(volunteer.Id, volunteer.DisplayName, volunteer.Kind.ToCode(), volunteer.Skills, volunteer.HomeBuildingId, now), now);
            }
        }

        return records;
    }

    /// <summary>
    /// A supervisor's leaving cannot be refused here as a withdrawal would be: where the children left on a shift now
    /// outnumber what its supervisors may look after, station staff are told (<see cref="ShiftSupervisionShort"/>).
    /// </summary>
    private async Task TellOfShortSupervisionAsync(IReadOnlyList<Shift> shifts, Guid leaving, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = shifts.Select(s => s.Id).ToList();
        var onShifts = await Db.Assignments.AsNoTracking().Where(a => ids.Contains(a.ShiftId) && a.WithdrawnAt == null && a.VolunteerId != leaving)
            .Join(Db.Volunteers.AsNoTracking(), a => a.VolunteerId, v => v.Id, (a, v) => new { a.ShiftId, Volunteer = v }).ToListAsync(cancellationToken);
        foreach (var shift in shifts)
        {
            var children = onShifts.Count(o => o.ShiftId == shift.Id && o.Volunteer.IsMinorOn(today));
            var supervisors = onShifts.Count(o => o.ShiftId == shift.Id && o.Volunteer.MaySuperviseOn(today));
            if (children > 0 && !SupervisionRatio.IsKept(children, supervisors, supervision.Value.ChildrenPerAdult))
            {
                Db.AddEvent(new ShiftSupervisionShort(shift.Id, shift.StartsAt, children, supervisors, now), now);
            }
        }
    }
}
