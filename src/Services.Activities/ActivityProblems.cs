using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Activities;

/// <summary>The problems every Activities feature answers with: a stable <c>type</c> per kind of conflict, one wording per missing thing.</summary>
public static class ActivityProblems
{
    public const string Closed = ProblemTypes.Base + "registration-closed";
    public const string NotEligible = ProblemTypes.Base + "not-eligible";
    public const string HouseholdCap = ProblemTypes.Base + "household-cap";
    public const string AlreadyCancelled = ProblemTypes.Base + "already-cancelled";
    public const string NoOffer = ProblemTypes.Base + "no-open-offer";
    public const string VenueClash = ProblemTypes.Base + "venue-clash";
    public const string VenueClosed = ProblemTypes.Base + "venue-closed";
    public const string SessionFull = ProblemTypes.Base + "session-full";
    public const string IdempotencyKeyReusedType = ProblemTypes.Base + "idempotency-key-reused";

    public static ProblemDetails IdempotencyKeyReused() => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Type = IdempotencyKeyReusedType,
        Title = "The Idempotency-Key was used for another request.",
        Detail = "This key already registered someone else or for another session; send a new key for a new registration.",
    };

    public static ProblemDetails CheckInClosed() => Problems.Conflict("Check-in is not open.",
        "Check-in opens two hours before the start and closes when the session is completed or cancelled.", Closed);

    public static ProblemDetails NoSuchVenue(Guid? id) => Problems.NotFound("No such venue.", $"There is no venue {id}.");

    public static ProblemDetails NoSuchSeries(Guid id) => Problems.NotFound("No such activity.", $"There is no activity series {id}.");

    public static ProblemDetails NoSuchSession(Guid id) => Problems.NotFound("No such session.", $"There is no session {id}.");

    public static ProblemDetails NoSuchRegistration(Guid id) => Problems.NotFound("No such registration.", $"There is no registration {id}.");
}
