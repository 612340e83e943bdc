using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.Webhooks;

/// <summary>
/// One public event on its way to one endpoint: pending (due at <see cref="NextAttemptAt"/>) until it is delivered or,
/// after <see cref="GiveUpAt"/>, failed. A partner's redelivery makes it pending again; every attempt is kept.
/// </summary>
public sealed class WebhookDelivery
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid EventId { get; private set; }

    public string Status { get; private set; } = Pending;

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset GiveUpAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }
}

/// <summary>One try at a delivery: when, the answer's status code (none when the connection failed), how long it took.</summary>
public sealed class DeliveryAttempt
{
    private DeliveryAttempt()
    {
    }

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    public int? StatusCode { get; private set; }

    public int DurationMs { get; private set; }

    public string? Error { get; private set; }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries", table =>
            table.HasCheckConstraint("ck_webhook_deliveries_status", "status IN ('pending', 'delivered', 'failed')"));
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.Status).HasMaxLength(20);
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasOne<PublicEvents.PublicEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        // At most one delivery of an event to an endpoint: a redelivery re-arms it.
        delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
        delivery.HasIndex(d => new { d.EndpointId, d.NextAttemptAt }).HasDatabaseName("ix_webhook_deliveries_due").HasFilter("status = 'pending'");
        delivery.HasIndex(d => d.EventId);
        // The endpoint's delivery log, newest first.
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt, d.Id }).IsDescending(false, true, true).HasDatabaseName("ix_webhook_deliveries_log");
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> attempt)
    {
        attempt.ToTable("webhook_delivery_attempts");
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
        attempt.Property(a => a.Error).HasMaxLength(500);
        attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        attempt.HasIndex(a => new { a.DeliveryId, a.AttemptedAt });
    }
}
