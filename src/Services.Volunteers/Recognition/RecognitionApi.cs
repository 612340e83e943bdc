using System.Security.Claims;
using System.Text;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Volunteers.Recognition;

/// <summary>Badges at hour thresholds (earned on the day the confirmed total crossed them) and a printable certificate.</summary>
public static class RecognitionApi
{
    public static IEndpointRouteBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/recognition", RecognitionAsync)
            .WithTags("Recognition")
            .WithName("VolunteerRecognition")
            .WithSummary("The badges a volunteer has earned and how far the next one is.");
        app.MapGet("/volunteers/{id:guid}/certificate", CertificateAsync)
            .WithTags("Recognition")
            .WithName("VolunteerCertificate")
            .WithSummary("A certificate of confirmed service hours over a period, as an HTML page fit for printing.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }

    internal static async Task<Results<Ok<RecognitionDto>, NotFound<ProblemDetails>, ForbidHttpResult>> RecognitionAsync(
        Guid id, VolunteersDbContext db, IOptions<RecognitionOptions> options, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var credits = await db.ServiceHours.AsNoTracking().Where(h => h.VolunteerId == id && h.Status == HourStatuses.Confirmed)
            .OrderBy(h => h.ServedAt).Select(h => new ConfirmedTime(h.ServedAt, h.Minutes)).ToListAsync(cancellationToken);
        return TypedResults.Ok(Badges.Recognise(id, credits, options.Value.BadgeHours));
    }

    internal static async Task<Results<ContentHttpResult, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> CertificateAsync(
        Guid id, DateOnly? from, DateOnly? to, VolunteersDbContext db, TimeProvider time, IOptions<RecognitionOptions> options, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var (first, last) = ReportingPeriod.Resolve(from, to, today);
        var errors = new FieldErrors().CheckPeriod(first, last);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var lookup = await db.FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is not { } volunteer)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var (start, end) = ReportingPeriod.Bounds(first, last);
        var entries = await db.ServiceHours.AsNoTracking()
            .Where(h => h.VolunteerId == id && h.Status == HourStatuses.Confirmed && h.ServedAt >= start && h.ServedAt < end)
            .OrderBy(h => h.ServedAt).ToListAsync(cancellationToken);
        var html = Certificate.Render(volunteer.DisplayName, first, last, entries, options.Value, today);
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }
}
