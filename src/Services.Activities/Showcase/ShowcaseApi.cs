using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Showcase;

public sealed record AddShowcaseItemRequest(string? Title, string? Maker, string? MakerKind, string? PictureRef);

public sealed record ShowcaseItemDto(Guid Id, Guid SessionId, string Title, string Maker, string MakerKind, string? PictureRef);

public static class ShowcaseApi
{
    public static IEndpointRouteBuilder MapShowcaseApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sessions/{sessionId:guid}/showcase").WithTags("Showcase");
        group.MapPost("/", AddAsync)
            .WithName("AddShowcaseItem")
            .WithSummary("Adds a work exhibited at the session.")
            .RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync)
            .WithName("ListShowcaseItems")
            .WithSummary("The works exhibited at the session.");
        return app;
    }

    internal static async Task<Results<Created<ShowcaseItemDto>, ValidationProblem, NotFound<ProblemDetails>>> AddAsync(
        Guid sessionId, AddShowcaseItemRequest request, ActivitiesDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("title", request.Title, 100).Require("maker", request.Maker, 100).Optional("pictureRef", request.PictureRef, 500);
        if (request.MakerKind is not ("resident" or "group"))
        {
            errors.Add("makerKind", "must be resident or group.");
        }

        if (request.PictureRef is { } picture && !Uri.TryCreate(picture, UriKind.RelativeOrAbsolute, out _))
        {
            errors.Add("pictureRef", "must be a storage key or URL.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        var item = new ShowcaseItem
        {
            Id = Guid.CreateVersion7(),
            SessionId = sessionId,
            Title = request.Title!.Trim(),
            Maker = request.Maker!.Trim(),
            MakerKind = request.MakerKind!,
            PictureRef = string.IsNullOrWhiteSpace(request.PictureRef) ? null : request.PictureRef.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/sessions/{sessionId}/showcase", ToDto(item));
    }

    internal static async Task<Results<Ok<IReadOnlyList<ShowcaseItemDto>>, NotFound<ProblemDetails>>> ListAsync(
        Guid sessionId, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));
        }

        var items = await db.Set<ShowcaseItem>().AsNoTracking().Where(i => i.SessionId == sessionId).OrderBy(i => i.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ShowcaseItemDto>>(items.Select(ToDto).ToList());
    }

    private static ShowcaseItemDto ToDto(ShowcaseItem i) => new(i.Id, i.SessionId, i.Title, i.Maker, i.MakerKind, i.PictureRef);
}
