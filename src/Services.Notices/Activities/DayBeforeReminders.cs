using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Jobs;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Notices.Activities;

/// <summary>
/// From 18:00 (local) on the day before a session, everyone with a confirmed place is reminded — once: the reminder's
/// key is the registration and the session's date, so later passes write nothing twice, and a registration made in the
/// evening still gets one. One instance at a time makes the pass (another instance's would only find the keys taken).
/// </summary>
public sealed class DayBeforeReminders(
    IServiceScopeFactory scopes, NoticeSignal signal, TimeProvider time, IOptions<NoticesOptions> options, ILogger<DayBeforeReminders> logger)
    : PeriodicJob(time, logger)
{
    private const int Batch = 2000;

    protected override TimeSpan Interval => options.Value.ReminderCheckInterval;

    protected override Task<int> RunOnceAsync(CancellationToken cancellationToken) => RemindAsync(cancellationToken);

    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var local = Neighbourhood.ToLocal(now);
        if (local.Hour < options.Value.DayBeforeReminderHour)
        {
            return 0;
        }

        var tomorrow = DateOnly.FromDateTime(local).AddDays(1);
        var (from, to) = (Neighbourhood.StartOf(tomorrow), Neighbourhood.StartOf(tomorrow.AddDays(1)));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NoticesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<NoticeWriter>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.TryTakeForTransactionAsync(nameof(DayBeforeReminders), cancellationToken))
        {
            return 0; // another instance is reminding
        }

        var due = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == TrackedStatus.Confirmed)
            .Join(db.Sessions.Where(s => !s.Cancelled && s.StartsAt >= from && s.StartsAt < to), r => r.SessionId, s => s.SessionId,
                (r, s) => new { r.RegistrationId, r.ResidentId, r.AccountId, s.Title, s.StartsAt })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        await writer.PreloadAsync(due.Where(d => d.ResidentId is not null).Select(d => d.ResidentId!.Value).Distinct().ToList(),
            NoticeKinds.SessionReminder, now.AddDays(-2), cancellationToken);
        // Only inserts: nothing to detect, and a batch is saved at a time rather than one growing unit of work.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var (written, pending) = (0, 0);
        foreach (var registration in due)
        {
            var added = await writer.ToPersonAsync(registration.ResidentId, registration.AccountId,
                new NoticeDraft(NoticeKinds.SessionReminder, $"{registration.RegistrationId}:{tomorrow:yyyy-MM-dd}",
                    [registration.Title, NoticeTexts.When(registration.StartsAt)], "/my/registrations"), cancellationToken);
            (written, pending) = (written + added, pending + added);
            if (pending >= Batch)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return written;
    }
}
