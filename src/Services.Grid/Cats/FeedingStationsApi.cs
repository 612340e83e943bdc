using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>Feeding stations: placed for a colony by staff or its grid team, looked after by caretakers who log each feeding.</summary>
public static class FeedingStationsApi
{
    public const int MaxFeedingsListed = 100;
    public const int MaxMineListed = 50;

    public static IEndpointRouteBuilder MapFeedingStationsApi(this IEndpointRouteBuilder app)
    {
        var placing = app.MapGroup("").WithTags("Cats").RequireAuthorization(Policies.Workers);
        placing.MapPost("/colonies/{id:guid}/stations", PlaceAsync).WithName("PlaceFeedingStation")
            .WithSummary("Places a feeding station for the colony with its caretakers (known volunteers).");
        placing.MapPut("/stations/{id:guid}/caretakers", CaretakersAsync).WithName("SetStationCaretakers")
            .WithSummary("Sets who looks after the station; those no longer in the list end their time, kept in the history.");

        var feeding = app.MapGroup("/stations").WithTags("Cats").RequireAuthorization(Policies.WorkersAndVolunteers);
        feeding.MapGet("/mine", MineAsync).WithName("MyFeedingStations").WithSummary("The stations the caller looks after.");
        feeding.MapPost("/{id:guid}/feedings", LogAsync).WithName("LogFeeding")
            .WithSummary("A caretaker logs a feeding at their station (or the colony's team enters one from the paper log).");
        feeding.MapGet("/{id:guid}/feedings", FeedingsAsync).WithName("ListFeedings")
            .WithSummary("The station's latest feedings; a caretaker sees who fed only on their own entries.");
        return app;
    }

    internal static async Task<Results<Created<StationDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> PlaceAsync(
        Guid id, PlaceStationRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = CatRules.CheckStation(request, Neighbourhood.Today(now));
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var colony = await db.Colonies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (colony is null)
        {
            return CatProblems.NoSuchColony(id);
        }

        if (!await db.MayWorkOnColonyAsync(caller, colony, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var caretakers = request.CaretakerIds?.Distinct().ToList() ?? [];
        if (await UnknownAsync(db, caretakers, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var station = FeedingStation.Place(id, request.Name!, request.PlacedOn ?? Neighbourhood.Today(now), caller.AuditActor());
        db.FeedingStations.Add(station);
        db.StationCaretakers.AddRange(caretakers.Select(v => StationCaretaker.Begin(station.Id, v, now)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/colonies/{id}", await db.StationAsync(station.Id, cancellationToken));
    }

    internal static async Task<Results<Ok<StationDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> CaretakersAsync(
        Guid id, CaretakersRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = CatRules.CheckCaretakers(new FieldErrors(), request.CaretakerIds);
        if (request.CaretakerIds is null)
        {
            errors.Add("caretakerIds", "is required (empty when nobody looks after the station now).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (station, mayWork) = await LoadAsync(db, id, caller, cancellationToken);
        if (station is null)
        {
            return CatProblems.NoSuchStation(id);
        }

        if (!mayWork)
        {
            return TypedResults.Forbid();
        }

        var wanted = request.CaretakerIds!.Distinct().ToList();
        if (await UnknownAsync(db, wanted, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        // The station is locked before its caretakers are read (and the time taken after it): two desks setting them at
        // once each replace what the other set. Before, both ended the old caretaker and each added theirs, leaving both.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.FeedingStations.LockedAsync(s => s.Id, id, cancellationToken);
        var now = time.GetUtcNow();
        var current = await db.StationCaretakers.Where(c => c.StationId == id && c.Until == null).ToListAsync(cancellationToken);
        foreach (var leaving in current.Where(c => !wanted.Contains(c.VolunteerId)))
        {
            leaving.End(now);
        }

        db.StationCaretakers.AddRange(wanted.Except(current.Select(c => c.VolunteerId)).Select(v => StationCaretaker.Begin(id, v, now)));
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Changed at the same time.", "Someone else changed the caretakers just now; look again.", ProblemTypes.Conflict));
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(await db.StationAsync(id, cancellationToken));
    }

    internal static async Task<Ok<IReadOnlyList<MyStationDto>>> MineAsync(GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var mine = (await db.LinksAsync(caller, cancellationToken)).VolunteerIds.ToList();
        var stations = await db.FeedingStations.AsNoTracking()
            .Where(s => db.StationCaretakers.Any(c => c.StationId == s.Id && c.Until == null && mine.Contains(c.VolunteerId)))
            .OrderBy(s => s.PlacedOn).ThenBy(s => s.Id).Take(MaxMineListed)
            .Join(db.Colonies.AsNoTracking(), s => s.ColonyId, c => c.Id, (s, c) => new MyStationDto(s.Id, s.Name, c.Id, c.Name,
                db.Feedings.Where(f => f.StationId == s.Id).Max(f => (DateTimeOffset?)f.FedAt)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MyStationDto>>(stations);
    }

    internal static async Task<Results<Created<FeedingDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> LogAsync(
        Guid id, LogFeedingRequest request, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = CatRules.CheckFeeding(request, time.GetUtcNow());
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (station, team) = await LoadAsync(db, id, caller, cancellationToken);
        if (station is null)
        {
            return CatProblems.NoSuchStation(id);
        }

        // The colony's team may enter anyone's feeding; a caretaker only their own, at a station they look after.
        IReadOnlyList<Guid> caretaking = team ? [] : await db.CaretakingAsync(caller, id, cancellationToken);
        if (!team && caretaking.Count == 0)
        {
            return TypedResults.Forbid();
        }

        var fedBy = team ? request.CaretakerId : request.CaretakerId ?? caretaking[0];
        if (fedBy is { } who && (team
            ? !await db.StationCaretakers.AnyAsync(c => c.StationId == id && c.VolunteerId == who && c.Until == null, cancellationToken)
            : !caretaking.Contains(who)))
        {
            return new FieldErrors().Add("caretakerId", team ? "must be one of the station's caretakers." : "a caretaker logs their own feedings.").ToProblem();
        }

        var feeding = Feeding.Log(id, request.FedAt!.Value, fedBy, request.Note, caller.AuditActor());
        db.Feedings.Add(feeding);
        await db.SaveChangesAsync(cancellationToken);
        var name = fedBy is null ? null : await db.KnownVolunteers.AsNoTracking().Where(v => v.VolunteerId == fedBy).Select(v => v.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Created($"/stations/{id}/feedings", new FeedingDto(feeding.Id, id, feeding.FedAt, fedBy, name, feeding.Note));
    }

    internal static async Task<Results<Ok<IReadOnlyList<FeedingDto>>, NotFound<ProblemDetails>, ForbidHttpResult>> FeedingsAsync(
        Guid id, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (station, team) = await LoadAsync(db, id, caller, cancellationToken);
        if (station is null)
        {
            return CatProblems.NoSuchStation(id);
        }

        IReadOnlyList<Guid> caretaking = team ? [] : await db.CaretakingAsync(caller, id, cancellationToken);
        if (!team && caretaking.Count == 0)
        {
            return TypedResults.Forbid();
        }

        var feedings = await db.Feedings.AsNoTracking().Where(f => f.StationId == id).OrderByDescending(f => f.FedAt).Take(MaxFeedingsListed)
            .GroupJoin(db.KnownVolunteers.AsNoTracking(), f => f.VolunteerId, v => v.VolunteerId, (f, v) => new { Feeding = f, Volunteers = v })
            .SelectMany(x => x.Volunteers.DefaultIfEmpty(), (x, v) => new { x.Feeding, Name = v == null ? null : v.DisplayName })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<FeedingDto>>(feedings.OrderByDescending(x => x.Feeding.FedAt).Select(x =>
        {
            // Who fed is person-level: the team sees it, a caretaker only on their own entries.
            var shown = team || (x.Feeding.VolunteerId is { } v && caretaking.Contains(v));
            return new FeedingDto(x.Feeding.Id, id, x.Feeding.FedAt, shown ? x.Feeding.VolunteerId : null, shown ? x.Name : null, x.Feeding.Note);
        }).ToList());
    }

    /// <summary>A station, and whether the caller works its colony (staff, or the colony's grid team).</summary>
    private static async Task<(FeedingStation? Station, bool MayWork)> LoadAsync(GridDbContext db, Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var station = await db.FeedingStations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (station is null)
        {
            return (null, false);
        }

        var colony = await db.Colonies.AsNoTracking().SingleAsync(c => c.Id == station.ColonyId, cancellationToken);
        return (station, await db.MayWorkOnColonyAsync(caller, colony, cancellationToken));
    }

    /// <summary>The 400 for caretakers Grid does not know as volunteers (registered with the Volunteers service first), else null.</summary>
    private static async Task<ValidationProblem?> UnknownAsync(GridDbContext db, IReadOnlyList<Guid> volunteerIds, CancellationToken cancellationToken)
    {
        var known = await db.KnownVolunteers.AsNoTracking().Where(v => volunteerIds.Contains(v.VolunteerId)).Select(v => v.VolunteerId).ToListAsync(cancellationToken);
        var unknown = volunteerIds.Except(known).ToList();
        return unknown.Count == 0 ? null
            : new FieldErrors().Add("caretakerIds", $"not known volunteers: {string.Join(", ", unknown)}; register them with the Volunteers service first.").ToProblem();
    }
}
