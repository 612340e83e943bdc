using Community.Contracts;
using Community.Services.Partners.Data;

namespace Community.Services.Partners.PublicEvents;

/// <summary>A session in the calendar, told outward without its venue's bookings or anyone registered.</summary>
public sealed class SessionScheduledConsumer(
    PartnersDbContext db, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time, ILogger<SessionScheduledConsumer> logger)
    : PublicEventConsumer<SessionScheduled>(db, writer, pace, signals, time, logger)
{
    protected override Task<PublicEventDraft> TranslateAsync(SessionScheduled message, CancellationToken cancellationToken) =>
        Task.FromResult(PublicEventDraft.Of(PublicEventCatalogue.ActivityScheduled, message.SessionId.ToString(),
            new ActivityScheduledData(message.SessionId, message.SeriesId, message.Category, message.Audience, message.Title,
                message.StartsAt, message.EndsAt, message.Capacity),
            Time.GetUtcNow()));
}

/// <summary>A cancelled session, without the reason staff typed (it may name people).</summary>
public sealed class SessionCancelledConsumer(
    PartnersDbContext db, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time, ILogger<SessionCancelledConsumer> logger)
    : PublicEventConsumer<SessionCancelled>(db, writer, pace, signals, time, logger)
{
    protected override Task<PublicEventDraft> TranslateAsync(SessionCancelled message, CancellationToken cancellationToken) =>
        Task.FromResult(PublicEventDraft.Of(PublicEventCatalogue.ActivityCancelled, message.SessionId.ToString(),
            new ActivityCancelledData(message.SessionId, message.SeriesId, message.CancelledAt),
            message.CancelledAt));
}

/// <summary>A completed session as totals: attendance, volunteers and their hours — never which volunteers.</summary>
public sealed class SessionCompletedConsumer(
    PartnersDbContext db, PublicEventWriter writer, TranslationPace pace, DeliverySignals signals, TimeProvider time, ILogger<SessionCompletedConsumer> logger)
    : PublicEventConsumer<SessionCompleted>(db, writer, pace, signals, time, logger)
{
    protected override Task<PublicEventDraft> TranslateAsync(SessionCompleted message, CancellationToken cancellationToken) =>
        Task.FromResult(PublicEventDraft.Of(PublicEventCatalogue.ActivityCompleted, message.SessionId.ToString(),
            new ActivityCompletedData(message.SessionId, message.SeriesId, message.Category, message.StartsAt, message.EndsAt,
                message.AttendedCount, message.Volunteers.Count, VolunteerHours(message)),
            message.CompletedAt));

    internal static decimal VolunteerHours(SessionCompleted message) =>
        Math.Round(message.Volunteers.Sum(v => (decimal)v.Minutes) / 60m, 2);
}
