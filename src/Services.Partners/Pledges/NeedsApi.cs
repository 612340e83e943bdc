using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Pledges;

/// <summary>The needs board partners pledge on: equipment and volunteers raised by the platform, venues and sponsorships added by staff.</summary>
public static class NeedsApi
{
    public static IEndpointRouteBuilder MapNeedsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/needs").WithTags("Needs").RequireAuthorization(Policies.PartnersAndStaff);
        group.MapGet("", ListAsync).WithName("ListNeeds").WithSummary("Open needs, newest first (closed too with all=true), with how much is pledged and received.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetNeed").WithSummary("One need.");
        group.MapPost("", AddAsync).RequireAuthorization(Policies.Staff).WithName("AddNeed").WithSummary("Adds a need for a venue to host or a sponsorship.");
        group.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Policies.Staff).WithName("CloseNeed").WithSummary("Closes a need: no more pledges.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<NeedDto>>> ListAsync(bool? all, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var needs = all == true ? db.Needs : db.Needs.Where(n => n.ClosedAt == null);
        return TypedResults.Ok<IReadOnlyList<NeedDto>>(await Project(db, needs.OrderByDescending(n => n.CreatedAt).Take(200)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<NeedDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, PartnersDbContext db, CancellationToken cancellationToken) =>
        await Project(db, db.Needs.Where(n => n.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } need
            ? TypedResults.Ok(need)
            : TypedResults.NotFound(Problems.NotFound("No such need.", $"There is no need {id}."));

    private static async Task<Results<Created<NeedDto>, ValidationProblem>> AddAsync(NeedRequest request, PartnersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new FieldErrors().Require("title", request.Title, 200).Range("quantity", request.Quantity ?? 1, 1, 10_000);
        if (request.Kind is null || !Need.StaffKinds.Contains(request.Kind))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", Need.StaffKinds)} (equipment and volunteer needs come from lending and shifts).");
        }

        if (request.NeededBy is { } by && (by < now || by > now.AddYears(2)))
        {
            errors.Add("neededBy", "must be within the next two years.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var need = Need.Raise(request.Kind!, null, null, request.Title!, request.Quantity ?? 1, request.NeededBy, now);
        db.Needs.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/needs/{need.Id}", (await Project(db, db.Needs.Where(n => n.Id == need.Id)).SingleAsync(cancellationToken)));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> CloseAsync(Guid id, PartnersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await db.Needs.AnyAsync(n => n.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such need.", $"There is no need {id}."));
        }

        await db.Needs.Where(n => n.Id == id && n.ClosedAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ClosedAt, now), cancellationToken);
        return TypedResults.NoContent();
    }

    private static IQueryable<NeedDto> Project(PartnersDbContext db, IQueryable<Need> needs) =>
        needs.Select(n => new NeedDto(n.Id, n.Kind, n.ItemKind, n.Title, n.Quantity, n.Received,
            db.Pledges.Where(p => p.NeedId == n.Id && (p.Status == Pledge.Offered || p.Status == Pledge.Accepted || p.Status == Pledge.Delivered || p.Status == Pledge.Fulfilled))
                .Sum(p => (int?)p.Quantity) ?? 0,
            n.NeededBy, n.ClosedAt == null, n.CreatedAt));
}
