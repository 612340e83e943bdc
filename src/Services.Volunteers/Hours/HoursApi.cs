using Community.Persistence;
using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Messaging.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

public sealed record HoursTotalDto(Guid VolunteerId, int ConfirmedMinutes, double ConfirmedHours, int Credits, int PendingMinutes = 0);

public sealed record LogHoursRequest(DateTimeOffset? ServedAt, int? Minutes, string? Activity);

public sealed record HoursChangeDto(DateTimeOffset At, string By, string? FromStatus, string ToStatus, int Minutes, string Reason);

/// <summary>A volunteer's own time: totals, entries, logging time served, and each entry's history.</summary>
public static class HoursApi
{
    public static IEndpointRouteBuilder MapHoursApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/hours", TotalAsync)
            .WithTags("Hours")
            .WithName("VolunteerHours")
            .WithSummary("A volunteer's confirmed (and pending) service time: the volunteer, a child's guardian, or staff.");
        app.MapGet("/volunteers/{id:guid}/hours/entries", EntriesAsync)
            .WithTags("Hours")
            .WithName("VolunteerHoursEntries")
            .WithSummary("A volunteer's hours entries, newest first.");
        app.MapPost("/volunteers/{id:guid}/hours", LogAsync)
            .WithTags("Hours")
            .WithName("LogHours")
            .WithSummary("A volunteer logs time served; it counts once a supervisor confirms it.");
        app.MapGet("/hours/{id:guid}/history", HistoryAsync)
            .WithTags("Hours")
            .WithName("HoursHistory")
            .WithSummary("Every change to an hours entry: who, when, from what to what, why.");
        return app;
    }

    internal static async Task<Results<Ok<HoursTotalDto>, NotFound<ProblemDetails>, ForbidHttpResult>> TotalAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var sums = await db.ServiceHours.Where(h => h.VolunteerId == id && h.Status != HourStatuses.Rejected)
            .GroupBy(h => h.Status).Select(g => new { Status = g.Key, Minutes = g.Sum(h => h.Minutes), Count = g.Count() }).ToListAsync(cancellationToken);
        var confirmed = sums.FirstOrDefault(s => s.Status == HourStatuses.Confirmed);
        var pending = sums.FirstOrDefault(s => s.Status == HourStatuses.Pending);
        var minutes = confirmed?.Minutes ?? 0;
        return TypedResults.Ok(new HoursTotalDto(id, minutes, Math.Round(minutes / 60.0, 2), confirmed?.Count ?? 0, pending?.Minutes ?? 0));
    }

    internal static async Task<Results<Ok<Page<HoursEntryDto>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> EntriesAsync(
        Guid id, int? page, int? pageSize, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        return TypedResults.Ok(await db.ServiceHours.AsNoTracking().Where(h => h.VolunteerId == id)
            .ToPageAsync(q => q.OrderByDescending(h => h.ServedAt).ThenBy(h => h.Id), paging, HoursEntryDto.From, cancellationToken));
    }

    internal static async Task<Results<Created<HoursEntryDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> LogAsync(
        Guid id, LogHoursRequest request, VolunteersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var now = time.GetUtcNow();
        var errors = SelfLog.Check(request, now);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var entry = db.Record(id, request.Minutes!.Value, HourSources.SelfLog, Guid.Empty, request.Activity!.Trim(), request.ServedAt!.Value,
            HourStatuses.Pending, caller.AuditActor(), lookup.Caller!.VolunteerId == id ? "logged by the volunteer" : "logged for the volunteer", now);
        entry.LoggedBy = caller.Subject();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/hours/{entry.Id}", HoursEntryDto.From(entry));
    }

    internal static async Task<Results<Ok<IReadOnlyList<HoursChangeDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> HistoryAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var entry = await db.ServiceHours.AsNoTracking().FirstOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound(HoursProblems.NoSuchEntry(id));
        }

        var volunteer = await db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == entry.VolunteerId, cancellationToken);
        if (!await db.MayActOnAsync(caller, volunteer, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var changes = await db.HoursChanges.AsNoTracking().Where(c => c.HoursId == id).OrderBy(c => c.Id)
            .Select(c => new HoursChangeDto(c.At, c.By, c.FromStatus, c.ToStatus, c.Minutes, c.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<HoursChangeDto>>(changes);
    }
}
