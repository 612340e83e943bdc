using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Activities.Privacy;

public sealed record MyRegistrationDto(
    Guid Id, Guid SessionId, string Activity, DateTimeOffset StartsAt, string ParticipantName, string Status, bool OnBehalf, string RegisteredByName,
    DateTimeOffset RegisteredAt, DateTimeOffset? CheckedInAt, bool NoShow, DateTimeOffset? CancelledAt, string? CancelReason);

public sealed record MyFeedbackDto(Guid SessionId, int Rating, string? Comment, DateTimeOffset GivenAt);

/// <summary>
/// What Activities holds about the caller: registrations they made or that are for them, and the feedback given on
/// their own places (feedback on places they booked for others is those people's, not theirs).
/// </summary>
public sealed record MyActivitiesDataDto(IReadOnlyList<MyRegistrationDto> Registrations, IReadOnlyList<MyFeedbackDto> Feedback);

/// <summary>The caller's own data in Activities, their part of the platform-wide export.</summary>
public static class MyActivitiesDataApi
{
    public static IEndpointRouteBuilder MapMyDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/my-data", GetAsync).WithTags("Privacy").WithName("MyActivitiesData")
            .WithSummary("Everything Activities holds about the signed-in person: the registrations they made or that are for them, and their feedback.");
        return app;
    }

    internal static async Task<Ok<MyActivitiesDataDto>> GetAsync(ActivitiesDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var subject = caller.Subject();
        var account = Guid.TryParse(subject, out var id) ? id : Guid.Empty;
        var resident = await db.KnownResidents.AsNoTracking().Where(r => r.AccountId == account).Select(r => (Guid?)r.ResidentId).FirstOrDefaultAsync(cancellationToken);
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.RegisteredBy == subject || (resident != null && r.ParticipantResidentId == resident))
            .Join(db.Sessions.AsNoTracking(), r => r.SessionId, s => s.Id, (r, s) => new { Registration = r, Session = s })
            .Join(db.Series.AsNoTracking(), x => x.Session.SeriesId, s => s.Id, (x, s) => new { x.Registration, x.Session, s.Title })
            .OrderByDescending(x => x.Registration.CreatedAt)
            .Select(x => new MyRegistrationDto(x.Registration.Id, x.Session.Id, x.Title, x.Session.StartsAt, x.Registration.ParticipantName, x.Registration.Status,
                x.Registration.OnBehalf, x.Registration.RegisteredByName, x.Registration.CreatedAt, x.Registration.CheckedInAt, x.Registration.NoShow,
                x.Registration.CancelledAt, x.Registration.CancelReason))
            .ToListAsync(cancellationToken);
        var ids = await db.Registrations.AsNoTracking()
            .Where(r => (resident != null && r.ParticipantResidentId == resident) || (r.RegisteredBy == subject && !r.OnBehalf))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var feedback = await db.Set<Feedback.SessionFeedback>().AsNoTracking().Where(f => ids.Contains(f.RegistrationId)).OrderByDescending(f => f.CreatedAt)
            .Select(f => new MyFeedbackDto(f.SessionId, f.Rating, f.Comment, f.CreatedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new MyActivitiesDataDto(registrations, feedback));
    }
}
