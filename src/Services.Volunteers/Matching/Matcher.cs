using Community.ServiceDefaults;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Matching;

/// <param name="Score">Skill fit 4, available 2, same building 2 / same grid 1: the order the list is in.</param>
/// <param name="Reasons">Why the volunteer is suggested (and what speaks against them), in plain words.</param>
/// <param name="Fit">The same reasons as facts, for a client that words them itself (the web app, in Chinese).</param>
public sealed record Suggestion(Guid VolunteerId, string DisplayName, string Kind, int Score, IReadOnlyList<string> Reasons, SuggestionFit Fit);

/// <param name="HasSkill">Whether they list the skill the shift asks for (null: it asks for none).</param>
/// <param name="Available">Whether they said they are usually free at the shift's time.</param>
/// <param name="Nearness">same-building, same-grid or elsewhere (or not said).</param>
/// <param name="IsMinor">A child (with a guardian's consent): the shift needs an adult supervisor.</param>
public sealed record SuggestionFit(bool? HasSkill, bool Available, string Nearness, bool IsMinor);

/// <summary>
/// Ranks volunteers for a shift in one query: skill fit first, then stated availability, then nearness
/// (same building, then same grid, then anyone), leaving out whoever already has a shift at that time and
/// children without a guardian's consent in force.
/// </summary>
public sealed class Matcher(VolunteersDbContext db)
{
    public const int MaxSuggestions = 100;

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(Shift shift, string? skill, int limit, CancellationToken cancellationToken)
    {
        var (from, startTime, endTime) = Window(shift.StartsAt, shift.EndsAt);
        var day = (int)from.DayOfWeek;
        var building = shift.BuildingId;
        var grid = building is { } b ? await db.BuildingGrids.Where(g => g.BuildingId == b).Select(g => g.GridId).FirstOrDefaultAsync(cancellationToken) : null;

        var rows = await db.Database.SqlQuery<Candidate>($"""
            SELECT v.id AS volunteer_id, v.display_name, v.kind, v.birth_date,
                   ({skill}::text IS NOT NULL AND {skill}::text = ANY (v.skills)) AS has_skill,
                   EXISTS (SELECT 1 FROM availability_slots a
                           WHERE a.volunteer_id = v.id AND a.day = {day} AND a.starts <= {startTime} AND a.ends >= {endTime}) AS available,
                   CASE WHEN {building}::uuid IS NOT NULL AND v.home_building_id = {building}::uuid THEN 2
                        WHEN {grid}::uuid IS NOT NULL AND bg.grid_id = {grid}::uuid THEN 1
                        ELSE 0 END AS nearness
            FROM volunteers v
            LEFT JOIN building_grids bg ON bg.building_id = v.home_building_id
            WHERE NOT EXISTS (SELECT 1 FROM assignments x
                              WHERE x.volunteer_id = v.id AND x.withdrawn_at IS NULL
                                AND tstzrange(x.starts_at, x.ends_at) && tstzrange({shift.StartsAt}, {shift.EndsAt}))
              AND (v.guardian_id IS NULL OR EXISTS (SELECT 1 FROM guardian_consents c WHERE c.child_id = v.id AND c.withdrawn_at IS NULL))
            ORDER BY has_skill DESC, available DESC, nearness DESC, v.registered_at, v.id
            LIMIT {Math.Clamp(limit, 1, MaxSuggestions)}
            """).ToListAsync(cancellationToken);

        var today = Neighbourhood.Today(shift.StartsAt);
        return rows.Select(r => new Suggestion(r.VolunteerId, r.DisplayName, r.Kind, Score(r), Explain(r, skill, from, startTime, endTime, today),
            FitOf(r, skill, today))).ToList();
    }

    /// <summary>The shift's local start, and the times of day an availability slot must cover to fit it.</summary>
    internal static (DateTime From, TimeOnly Start, TimeOnly End) Window(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var from = Neighbourhood.ToLocal(startsAt);
        var to = Neighbourhood.ToLocal(endsAt);
        // A shift running past midnight fits nobody's single-day slot; compare against the end of the day.
        return (from, TimeOnly.FromDateTime(from), to.Date == from.Date ? TimeOnly.FromDateTime(to) : TimeOnly.MaxValue);
    }

    /// <summary>The same order the query sorts in: skill fit, then stated availability, then nearness.</summary>
    internal static int Score(Candidate r) => (r.HasSkill ? 4 : 0) + (r.Available ? 2 : 0) + r.Nearness;

    internal static List<string> Explain(Candidate r, string? skill, DateTime from, TimeOnly startTime, TimeOnly endTime, DateOnly today)
    {
        var reasons = new List<string>();
        if (skill is not null)
        {
            reasons.Add(r.HasSkill ? $"has the skill '{skill}'" : $"does not list the skill '{skill}'");
        }

        var when = $"{from.DayOfWeek} {startTime:HH:mm}–{(endTime == TimeOnly.MaxValue ? "24:00" : endTime.ToString("HH:mm"))}";
        reasons.Add(r.Available ? $"usually free on {when}" : $"has not said they are free on {when}");
        reasons.Add(r.Nearness switch
        {
            2 => "lives in the same building",
            1 => "lives in the same grid",
            _ => "lives elsewhere in the neighbourhood (or did not say)",
        });
        reasons.Add("has no other shift at that time");
        if (VolunteerRules.IsMinor(r.BirthDate, today))
        {
            reasons.Add("a child with a guardian's consent: needs an adult supervisor on the shift");
        }

        return reasons;
    }

    internal static SuggestionFit FitOf(Candidate r, string? skill, DateOnly today) =>
        new(skill is null ? null : r.HasSkill, r.Available, r.Nearness switch { 2 => "same-building", 1 => "same-grid", _ => "elsewhere" },
            VolunteerRules.IsMinor(r.BirthDate, today));

    internal sealed record Candidate(Guid VolunteerId, string DisplayName, string Kind, DateOnly? BirthDate, bool HasSkill, bool Available, int Nearness);
}
