using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>
/// Completing a staff-created shift: once it has started and while it is open (a session's shifts complete with
/// the session), crediting who served for at most the shift's length, each volunteer once. Only time served is
/// credited: the supervisor names who came (being on the shift is not enough).
/// </summary>
public static class ShiftCompletion
{
    /// <summary>Why the shift cannot be completed now; null when it can.</summary>
    public static ProblemDetails? Refusal(Shift shift, Opportunity opportunity, DateTimeOffset now)
    {
        if (opportunity.SessionId is not null)
        {
            return Problems.Conflict("Completed with its session.",
                "Hours for a session's volunteers are credited when Activities completes the session.", ShiftProblems.Closed);
        }

        if (shift.Status != ShiftStatuses.Open || shift.StartsAt > now)
        {
            return Problems.Conflict("The shift cannot be completed.",
                shift.Status != ShiftStatuses.Open ? $"It is {shift.Status}." : "It has not started yet.", ShiftProblems.Closed);
        }

        return null;
    }

    /// <summary>Who may record who served: its supervisor, and nobody for a list that credits themselves, as nobody confirms their own time.</summary>
    public static bool MayComplete(VolunteerCaller caller, Shift shift, IEnumerable<Guid> served) =>
        ShiftSupervision.Allows(caller, shift) && (caller.VolunteerId is not { } self || !served.Contains(self));

    /// <summary>The shift's length in whole minutes, rounded up: the most anyone is credited for it.</summary>
    public static int LengthInMinutes(Shift shift) => (int)Math.Ceiling((shift.EndsAt - shift.StartsAt).TotalMinutes);

    /// <summary>Who served, as the supervisor reports (an empty list when nobody came); each named once, on the shift, for at most its length.</summary>
    public static FieldErrors Check(IReadOnlyList<ServedDto>? served, IReadOnlyCollection<Guid> onShift, int length)
    {
        var errors = new FieldErrors();
        if (served is null)
        {
            return errors.Add("served", "name who served (an empty list when nobody came): being on the shift is not enough to be credited.");
        }

        for (var i = 0; i < served.Count; i++)
        {
            if (served[i].VolunteerId is not { } id || !onShift.Contains(id))
            {
                errors.Add($"served[{i}].volunteerId", "must be a volunteer on the shift.");
            }

            errors.Range($"served[{i}].minutes", served[i].Minutes, 1, length);
        }

        if (served.Select(s => s.VolunteerId).Distinct().Count() != served.Count)
        {
            errors.Add("served", "names a volunteer twice.");
        }

        return errors;
    }
}
