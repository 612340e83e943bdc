using System.Security.Claims;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Feedback;

public sealed record GiveFeedbackRequest(Guid? RegistrationId, int? Rating, string? Comment);

/// <param name="Comments">Only for staff; never with names.</param>
public sealed record FeedbackSummaryDto(int Count, double? AverageRating, IReadOnlyList<string>? Comments);

public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions/{sessionId:guid}/feedback", GiveAsync)
            .WithTags("Feedback")
            .WithName("GiveFeedback")
            .WithSummary("An attendee rates the session (1–5) and may comment, once per registration.")
            .RequireAuthorization(Policies.Participants);
        app.MapGet("/sessions/{sessionId:guid}/feedback", SessionSummaryAsync)
            .WithTags("Feedback")
            .WithName("SessionFeedback")
            .WithSummary("Average rating of a session; staff also read the comments.");
        app.MapGet("/series/{seriesId:guid}/feedback", SeriesSummaryAsync)
            .WithTags("Feedback")
            .WithName("SeriesFeedback")
            .WithSummary("Average rating over all sessions of an activity.");
        return app;
    }

    internal static async Task<Results<Created<FeedbackSummaryDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> GiveAsync(
        Guid sessionId, GiveFeedbackRequest request, ActivitiesDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("comment", request.Comment, SessionFeedback.MaxCommentLength);
        if (request.RegistrationId is null)
        {
            errors.Add("registrationId", "is required.");
        }

        if (request.Rating is null or < 1 or > 5)
        {
            errors.Add("rating", "must be 1 to 5.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var registration = await db.Registrations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == request.RegistrationId && r.SessionId == sessionId, cancellationToken);
        if (registration is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such registration here.", "That registration is not for this session."));
        }

        if (!await db.MayActAsync(caller, registration, time.GetUtcNow(), cancellationToken))
        {
            return TypedResults.Forbid();
        }

        if (registration.CheckedInAt is null)
        {
            return TypedResults.Conflict(Problems.Conflict("Only attendees give feedback.", "The participant was not checked in at this session.", ActivityProblems.NotEligible));
        }

        db.Add(new SessionFeedback
        {
            Id = Guid.CreateVersion7(),
            SessionId = sessionId,
            RegistrationId = registration.Id,
            Rating = request.Rating!.Value,
            Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(),
            CreatedAt = time.GetUtcNow(),
        });
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("Feedback already given.", "Each attendee rates a session once.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/sessions/{sessionId}/feedback", await SummaryAsync(db.Set<SessionFeedback>().Where(f => f.SessionId == sessionId), false, cancellationToken));
    }

    internal static async Task<Results<Ok<FeedbackSummaryDto>, NotFound<ProblemDetails>>> SessionSummaryAsync(
        Guid sessionId, ActivitiesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await db.Sessions.AnyAsync(s => s.Id == sessionId, cancellationToken)
            ? TypedResults.Ok(await SummaryAsync(db.Set<SessionFeedback>().Where(f => f.SessionId == sessionId),
                caller.IsStaff(), cancellationToken))
            : TypedResults.NotFound(ActivityProblems.NoSuchSession(sessionId));

    internal static async Task<Results<Ok<FeedbackSummaryDto>, NotFound<ProblemDetails>>> SeriesSummaryAsync(
        Guid seriesId, ActivitiesDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Series.AnyAsync(s => s.Id == seriesId, cancellationToken))
        {
            return TypedResults.NotFound(ActivityProblems.NoSuchSeries(seriesId));
        }

        var sessions = db.Sessions.Where(s => s.SeriesId == seriesId).Select(s => s.Id);
        return TypedResults.Ok(await SummaryAsync(db.Set<SessionFeedback>().Where(f => sessions.Contains(f.SessionId)), false, cancellationToken));
    }

    private static async Task<FeedbackSummaryDto> SummaryAsync(IQueryable<SessionFeedback> feedback, bool withComments, CancellationToken cancellationToken)
    {
        var count = await feedback.CountAsync(cancellationToken);
        double? average = count == 0 ? null : Math.Round(await feedback.AverageAsync(f => f.Rating, cancellationToken), 2);
        IReadOnlyList<string>? comments = withComments
            ? await feedback.Where(f => f.Comment != null).OrderBy(f => f.CreatedAt).Select(f => f.Comment!).Take(200).ToListAsync(cancellationToken)
            : null;
        return new FeedbackSummaryDto(count, average, comments);
    }
}
