using Community.Contracts;
using Community.Messaging.Inbox;
using Community.ServiceDefaults.Auth;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;

namespace Community.Services.Notices.Requests;

/// <summary>A request went overdue and up a level: station staff are told, and the administrators too at the last step.</summary>
public sealed class RequestEscalatedConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<RequestEscalatedConsumer> logger)
    : NoticeConsumer<RequestEscalated>(db, writer, signal, time, logger)
{
    public const int LastStep = 2;

    protected override async Task HandleAsync(RequestEscalated message, ConsumeContext<RequestEscalated> context)
    {
        var draft = new NoticeDraft(NoticeKinds.RequestEscalated, $"{message.RequestId}:{message.Level}",
            [message.Category, NoticeTexts.When(message.DueAt), message.Level], "/grid/requests");
        await Writer.ToRoleAsync(Roles.StationStaff, draft, context.CancellationToken);
        if (message.Level >= LastStep)
        {
            await Writer.ToRoleAsync(Roles.Admin, draft, context.CancellationToken);
        }
    }
}
