using Community.Messaging.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Services.Activities.Venues;

public sealed record CreateVenueRequest(
    string? Name, int? Capacity, string? Location, double? Latitude, double? Longitude, bool? StepFree, bool? HearingLoop);

public sealed record VenueDto(
    Guid Id, string Name, int Capacity, string? Location, double? Latitude, double? Longitude, bool StepFree, bool HearingLoop);

public static class VenuesApi
{
    public static RouteGroupBuilder MapVenuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/venues").WithTags("Venues");

        group.MapPost("/", CreateAsync)
            .WithName("CreateVenue")
            .WithSummary("Adds a venue (a station room or another service point).")
            .RequireAuthorization(policy => policy.RequireRole(Roles.StationStaff, Roles.Admin));

        group.MapGet("/", ListAsync)
            .WithName("ListVenues")
            .WithSummary("Lists venues by name; step-free ones only if asked.");

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetVenue")
            .WithSummary("One venue.");

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

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var venue = Venue.Create(request.Name!, request.Capacity!.Value, request.Location, request.Latitude, request.Longitude,
            request.StepFree ?? false, request.HearingLoop ?? false, time.GetUtcNow());
        db.Venues.Add(venue);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
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
            ? TypedResults.NotFound(Problems.NotFound("No such venue.", $"There is no venue {id}."))
            : TypedResults.Ok(ToDto(venue));
    }

    private static VenueDto ToDto(Venue v) =>
        new(v.Id, v.Name, v.Capacity, v.Location, v.Latitude, v.Longitude, v.StepFree, v.HearingLoop);
}
