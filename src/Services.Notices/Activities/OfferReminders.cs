using Community.Persistence;
using Community.ServiceDefaults.Jobs;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Notices.Activities;

/// <summary>
/// Halfway through an open offer's time, the person is reminded once (in the app; the call list entry is still open). One
/// instance at a time makes the pass.
/// </summary>
public sealed class OfferReminders(
    IServiceScopeFactory scopes, NoticeSignal signal, TimeProvider time, IOptions<NoticesOptions> options, ILogger<OfferReminders> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Interval => options.Value.ReminderCheckInterval;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => RemindAsync(cancellationToken);

    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<NoticeWriter>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.TryTakeForTransactionAsync(nameof(OfferReminders), cancellationToken))
        {
            return 0; // another instance is reminding
        }

        // Only offers past halfway, locked, skipping rows a consumer is changing right now (a new offer for the same place): marked reminded here,
        // such a row would lose the new offer's reminder. A skipped row is looked at again on the next pass.
        var open = await db.Registrations.FromSql($"""
            SELECT * FROM tracked_registrations
            WHERE status = {TrackedStatus.Offered} AND NOT offer_reminded AND offer_expires_at > {now} AND offer_made_at IS NOT NULL
              AND {now} >= offer_made_at + (offer_expires_at - offer_made_at) / 2
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var written = 0;
        foreach (var offer in open.Where(o => IsHalfway(o.OfferMadeAt!.Value, o.OfferExpiresAt!.Value, now)))
        {
            offer.OfferReminded = true;
            var (title, when) = await db.NameAsync(offer.SessionId, cancellationToken);
            written += await writer.ToPersonAsync(offer.ResidentId, offer.AccountId,
                new NoticeDraft(NoticeKinds.OfferReminder, $"{offer.RegistrationId}:{offer.OfferExpiresAt!.Value.UtcTicks}",
                    [title, when, NoticeTexts.When(offer.OfferExpiresAt.Value)], "/my/registrations"), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (written > 0)
        {
            signal.Wake();
        }

        return written;
    }

    internal static bool IsHalfway(DateTimeOffset madeAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        now >= madeAt + (expiresAt - madeAt) / 2 && now < expiresAt;
}
