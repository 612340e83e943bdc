using Community.Contracts;
using Community.Messaging.Inbox;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Notices.Requests;

/// <summary>
/// Tells the person who reported a problem how it goes: accepted, returned, resolved (with the follow-up question),
/// closed, closed unresolved — them only, in the app, never on a call list (an anonymous reporter stays unknown to the
/// grid team). The reporter is their account, or their resident record when staff took the report in for them.
/// </summary>
public sealed class RequestProgressedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RequestProgressedConsumer> logger)
    : NoticeConsumer<RequestProgressed>(db, writer, signal, time, logger)
{
    private static readonly Dictionary<string, string> KindOf = new()
    {
        ["accepted"] = NoticeKinds.RequestAccepted,
        ["returned"] = NoticeKinds.RequestReturned,
        ["resolved"] = NoticeKinds.RequestResolved,
        ["closed"] = NoticeKinds.RequestClosed,
        ["closed-unresolved"] = NoticeKinds.RequestClosedUnresolved,
    };

    protected override async Task HandleAsync(RequestProgressed message, ConsumeContext<RequestProgressed> context)
    {
        if (message.ReporterId is not { } reporter || !KindOf.TryGetValue(message.Status, out var kind))
        {
            return;
        }

        var ct = context.CancellationToken;
        var draft = new NoticeDraft(kind, $"{message.RequestId}:{message.ProgressedAt.UtcTicks}", [NoticeTexts.Category(message.Category)], "/requests/mine");
        // A resident record without an account has no inbox; their team tells them in person as part of the work.
        var resident = await Db.KnownResidents.AsNoTracking().FirstOrDefaultAsync(r => r.ResidentId == reporter, ct);
        if ((resident is null ? reporter : resident.AccountId) is { } account)
        {
            await Writer.ToAccountAsync(account, draft, null, ct);
        }
    }
}
