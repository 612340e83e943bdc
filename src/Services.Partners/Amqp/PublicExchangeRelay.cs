using Community.Persistence;
using Community.Services.Partners.Data;
using Community.Services.Partners.PublicEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Community.Services.Partners.Amqp;

/// <summary>
/// Publishes public events to the partners' topic exchange (routing key = event type, message id = the CloudEvent id,
/// persistent, structured-mode CloudEvent body) and marks each once the broker confirmed it. While the broker is down
/// the events wait in the table, like every other event waits in an outbox; at least once, in the order they were made.
/// </summary>
public sealed partial class PublicExchangeRelay(
    IServiceScopeFactory scopes, PartnerBroker partnerBroker, BrokerAddress broker, DeliverySignals signals, TimeProvider time,
    IOptions<PartnersOptions> options, ILogger<PublicExchangeRelay> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!partnerBroker.Configured)
        {
            LogNotConfigured();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await partnerBroker.EnsureVirtualHostAsync(stoppingToken);
                var factory = new ConnectionFactory { Uri = broker.PartnersUri, ClientProvidedName = "partners-public-exchange" };
                await using var connection = await factory.CreateConnectionAsync(stoppingToken);
                await using var channel = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
                await channel.ExchangeDeclareAsync(options.Value.Amqp.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await PublishPendingAsync(channel, stoppingToken) < BatchSize)
                    {
                        await signals.Amqp.WaitAsync(Poll, stoppingToken);
                    }
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(ex);
                await Task.Delay(Poll, time, stoppingToken);
            }
        }
    }

    private async Task<int> PublishPendingAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        // One instance publishes at a time, so the exchange gets each event once and in order; the others wait their turn.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.TryTakeForTransactionAsync(nameof(PublicExchangeRelay), cancellationToken))
        {
            return 0;
        }

        var pending = await db.PublicEvents.AsNoTracking().Where(e => e.AmqpPublishedAt == null).OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(BatchSize)
            .Select(e => new { e.Id, e.Type, e.Envelope, e.OccurredAt }).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        // Confirms are awaited together: one round of waiting per batch, not per event.
        var confirms = pending.Select(e => channel.BasicPublishAsync(options.Value.Amqp.Exchange, e.Type, mandatory: false,
            new BasicProperties
            {
                MessageId = e.Id.ToString(),
                ContentType = "application/cloudevents+json",
                ContentEncoding = "utf-8",
                Type = e.Type,
                Persistent = true,
                Timestamp = new AmqpTimestamp(e.OccurredAt.ToUnixTimeSeconds()),
            },
            System.Text.Encoding.UTF8.GetBytes(e.Envelope), cancellationToken).AsTask()).ToList();
        await Task.WhenAll(confirms);

        // In SQL: as ExecuteUpdate over a list of ids, EF compiled the statement anew for each batch (most of the relay's CPU).
        var ids = pending.Select(e => e.Id).ToArray();
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"UPDATE public_events SET amqp_published_at = {now} WHERE id = ANY({ids})", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partners:Amqp:ManagementUrl is not set: public events are not published over AMQP (webhooks and the pull feed still work).")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing public events to the partners' exchange failed; they wait and are published when the broker is back.")]
    private partial void LogFailed(Exception exception);
}
