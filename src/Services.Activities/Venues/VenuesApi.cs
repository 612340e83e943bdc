using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Venues;

/// <param name="OpeningHours">Per weekday, e.g. <c>{"weekday":"Tuesday","opens":"08:00","closes":"20:00"}</c>; none: always open.</param>
/// <param name="ClosedDates">Shanghai dates the venue is closed, e.g. <c>2026-10-01</c>.</param>
public sealed record CreateVenueRequest(
    string? Name, int? Capacity, string? Location, double? Latitude, double? Longitude, bool? StepFree, bool? HearingLoop,
    IReadOnlyList<OpeningHoursDto>? OpeningHours, IReadOnlyList<DateOnly>? ClosedDates);

public sealed record OpeningHoursDto(DayOfWeek Weekday, TimeOnly Opens, TimeOnly Closes);

public sealed record CloseVenueRequest(DateOnly? Date);

public sealed record VenueDto(
    Guid Id, string Name, int Capacity, string? Location, double? Latitude, double? Longitude, bool StepFree, bool HearingLoop,
    IReadOnlyList<OpeningHoursDto> OpeningHours, IReadOnlyList<DateOnly> ClosedDates);

public static class VenuesApi
{
    public static RouteGroupBuilder MapVenuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/venues").WithTags("Venues");

        group.MapPost("/", CreateAsync)
            .WithName("CreateVenue")
            .WithSummary("Adds a venue (a station room or another service point).")
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/", ListAsync)
            .WithName("ListVenues")
            .WithSummary("Lists venues by name; step-free ones only if asked.");

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVenue")
            .WithSummary("One venue.");

        group.MapPost("/{id:guid}/closed-dates", CloseOnAsync)
            .WithName("CloseVenueOnDate")
            .WithSummary("Marks a date the venue is closed; refused while sessions are planned there that day.")
            .RequireAuthorization(Policies.Staff);

        return group;
    }

    internal static async Task<Results<Created<VenueDto>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        CreateVenueRequest request, ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Require("name", request.Name, VenueRules.MaxNameLength)
            .Optional("location", request.Location, VenueRules.MaxLocationLength)
            .Range("latitude", request.Latitude, -90, 90)
            .Range("longitude", request.Longitude, -180, 180);
        if (request.Capacity is null)
        {
            errors.Add("capacity", "is required.");
        }
        else
        {
            errors.Range("capacity", request.Capacity, 1, VenueRules.MaxCapacity);
        }

        if ((request.Latitude is null) != (request.Longitude is null))
        {
            errors.Add(request.Latitude is null ? "latitude" : "longitude", "is required when the other coordinate is given.");
        }

        foreach (var hours in request.OpeningHours ?? [])
        {
            if (!OpeningHours.ClosesAfterOpening(hours.Opens, hours.Closes))
            {
                errors.Add("openingHours", $"{hours.Weekday}: closing time must be after opening time.");
            }
        }

        if (request.ClosedDates?.Count > 366)
        {
            errors.Add("closedDates", "at most 366 dates.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var openingHours = (request.OpeningHours ?? []).Select(h => OpeningHours.Of(h.Weekday, h.Opens, h.Closes));
        var venue = Venue.Create(request.Name!, request.Capacity!.Value, request.Location, request.Latitude, request.Longitude,
            request.StepFree ?? false, request.HearingLoop ?? false, openingHours, request.ClosedDates ?? [], time.GetUtcNow());
        db.Venues.Add(venue);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("A venue with this name exists.", $"There is already a venue named '{venue.Name}'."));
        }

        return TypedResults.Created($"/venues/{venue.Id}", ToDto(venue));
    }

    internal static async Task<Results<Ok<Page<VenueDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, bool? stepFree, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Venues.AsNoTracking();
        if (stepFree == true)
        {
            query = query.Where(v => v.StepFree);
        }

        return TypedResults.Ok(await query.ToPageAsync(q => q.OrderBy(v => v.Name).ThenBy(v => v.Id), paging, ToDto, cancellationToken));
    }

    internal static async Task<Results<Ok<VenueDto>, NotFound<ProblemDetails>>> GetAsync(
        Guid id, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return venue is null
            ? TypedResults.NotFound(ActivityProblems.NoSuchVenue(id))
            : TypedResults.Ok(ToDto(venue));
    }

    internal static async Task<Results<Ok<VenueDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> CloseOnAsync(
        Guid id, CloseVenueRequest request, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        if (request.Date is not { } date)
        {
            return new FieldErrors().Add("date", "is required.").ToProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked: planning or moving a session holds the venue shared, so a closure and a session on that date cannot
        // both pass their checks, and two closures (each rewriting the whole list) do not lose one another's dates.
        var venue = await db.Venues.LockedAsync(v => v.Id, id, cancellationToken);
        if (venue is null)
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchVenue(id));
        }

        var dayStart = Series.Recurrence.ToUtc(date.ToDateTime(TimeOnly.MinValue));
        var dayEnd = dayStart.AddDays(1);
        var booked = await db.Sessions.AsNoTracking()
            .Where(s => s.VenueId == id && s.Status == Sessions.SessionStatus.Scheduled && s.StartsAt < dayEnd && s.EndsAt > dayStart)
            .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (booked is not null)
        {
            var problem = Problems.Conflict("Sessions are planned that day.", "Move or cancel the sessions on that date first.", ActivityProblems.VenueClash);
            problem.Extensions["conflictingSessionId"] = booked;
            return TypedResults.Conflict(problem);
        }

        venue.CloseOn(date);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(ToDto(venue));
    }

    private static VenueDto ToDto(Venue v) =>
        new(v.Id, v.Name, v.Capacity, v.Location, v.Latitude, v.Longitude, v.StepFree, v.HearingLoop,
            v.OpeningHours.Select(h => new OpeningHoursDto(h.Weekday, h.Opens, h.Closes)).ToList(), v.ClosedDates);
}
