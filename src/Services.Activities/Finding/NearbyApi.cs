using Community.Persistence;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Finding;

public sealed record NearbySessionDto(SessionDto Session, string VenueName, int DistanceMeters, int WalkMinutes);

/// <summary>"Near me": sessions at venues within a 15-minute walk (about 1 km), the 15-minute community circle.</summary>
public static class NearbyApi
{
    public const int DefaultRadiusMeters = 1000;
    public const int MaxRadiusMeters = 5000;

    public static IEndpointRouteBuilder MapNearbyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sessions/near", NearAsync)
            .WithTags("Finding")
            .WithName("SessionsNearMe")
            .WithSummary("Upcoming sessions at venues within walking distance of a point, nearest venue first.");
        return app;
    }

    internal static async Task<Results<Ok<Page<NearbySessionDto>>, ValidationProblem>> NearAsync(
        double? latitude, double? longitude, int? radiusMeters, int? page, int? pageSize,
        ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Range("latitude", latitude, -90, 90).Range("longitude", longitude, -180, 180);
        var paging = PageRequest.From(page, pageSize, errors);
        if (latitude is null)
        {
            errors.Add("latitude", "is required.");
        }

        if (longitude is null)
        {
            errors.Add("longitude", "is required.");
        }

        if (radiusMeters is < 1 or > MaxRadiusMeters)
        {
            errors.Add("radiusMeters", $"must be between 1 and {MaxRadiusMeters}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Venues are few (rooms and service points); distances are computed here, sessions filtered in SQL.
        var radius = radiusMeters ?? DefaultRadiusMeters;
        var venues = await db.Venues.AsNoTracking().Where(v => v.Latitude != null && v.Longitude != null).ToListAsync(cancellationToken);
        var near = venues
            .Select(v => new { Venue = v, Distance = WalkingDistance.Meters(latitude!.Value, longitude!.Value, v.Latitude!.Value, v.Longitude!.Value) })
            .Where(x => x.Distance <= radius)
            .ToDictionary(x => x.Venue.Id);
        var ids = near.Keys.ToList();

        var now = time.GetUtcNow();
        var query = db.Sessions.AsNoTracking()
            .Where(s => ids.Contains(s.VenueId) && s.Status == SessionStatus.Scheduled && s.StartsAt >= now)
            .Join(db.Series.AsNoTracking(), s => s.SeriesId, series => series.Id, (s, series) => new { Session = s, Series = series });
        var result = await query.ToPageAsync(
            q => q.OrderBy(x => x.Session.StartsAt).ThenBy(x => x.Session.Id), paging,
            x =>
            {
                var venue = near[x.Session.VenueId];
                return new NearbySessionDto(SessionDtos.ToDto(x.Session, x.Series), venue.Venue.Name, (int)Math.Round(venue.Distance),
                    WalkingDistance.Minutes(venue.Distance));
            },
            cancellationToken);
        return TypedResults.Ok(result);
    }
}
