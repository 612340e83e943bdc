using Community.Contracts;
using Community.Services.Notices.Data;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Live;
using MassTransit;

namespace Community.Services.Notices.Partners;

/// <summary>A partner's webhook endpoint was switched off: the people who act for the organisation are told, so they fix it.</summary>
public sealed class WebhookEndpointDisabledConsumer(NoticesDbContext db, NoticeWriter writer, NoticeSignal signal, TimeProvider time, ILogger<WebhookEndpointDisabledConsumer> logger)
    : NoticeConsumer<WebhookEndpointDisabled>(db, writer, signal, time, logger)
{
    protected override async Task HandleAsync(WebhookEndpointDisabled message, ConsumeContext<WebhookEndpointDisabled> context)
    {
        var draft = new NoticeDraft(NoticeKinds.WebhookDisabled, $"{message.EndpointId}:{message.DisabledAt.ToUnixTimeSeconds()}",
            [message.OrganisationName, message.Host, message.Reason.Contains("410", StringComparison.Ordinal) ? "对方答复该地址已不存在（410）" : "连续多日推送失败"],
            "/partner/webhooks");
        foreach (var account in message.ContactAccountIds.Distinct())
        {
            await Writer.ToAccountAsync(account, draft, null, context.CancellationToken);
        }
    }
}
