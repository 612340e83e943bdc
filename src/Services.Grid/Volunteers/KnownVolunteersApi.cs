using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Volunteers;

public sealed record KnownVolunteerDto(Guid VolunteerId, string DisplayName, string Kind, IReadOnlyList<string> Skills, Guid? HomeBuildingId);

public static class KnownVolunteersApi
{
    public static IEndpointRouteBuilder MapKnownVolunteersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers", ListAsync)
            .WithTags("Volunteers")
            .WithName("ListKnownVolunteers")
            .WithSummary("Volunteers Grid knows of (from the registry's events), optionally those living in one building.")
            .RequireAuthorization(Policies.Workers);
        return app;
    }

    internal static async Task<Results<Ok<Page<KnownVolunteerDto>>, ValidationProblem>> ListAsync(
        Guid? homeBuildingId, int? page, int? pageSize, GridDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.KnownVolunteers.AsNoTracking();
        if (homeBuildingId is { } building)
        {
            query = query.Where(v => v.HomeBuildingId == building);
        }

        return TypedResults.Ok(await query.ToPageAsync(
            q => q.OrderBy(v => v.DisplayName).ThenBy(v => v.VolunteerId),
            paging,
            v => new KnownVolunteerDto(v.VolunteerId, v.DisplayName, v.Kind, v.Skills, v.HomeBuildingId),
            cancellationToken));
    }
}
