using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// One public event as partners receive it: a CloudEvents 1.0 envelope in JSON, kept byte for byte so every way of
/// receiving it (webhook, pull feed, AMQP) carries the same document and the same <c>id</c>. <see cref="Sequence"/>
/// orders the pull feed. It is given after the event committed, by <see cref="PublicEventSequencer"/> alone, in
/// batches that commit whole: a reader never sees a later sequence before an earlier one, so its cursor skips nothing —
/// and the consumers that append events never wait for one another.
/// </summary>
public sealed class PublicEvent
{
    private PublicEvent()
    {
    }

    /// <summary>The CloudEvent's <c>id</c>, and the <c>webhook-id</c> and AMQP message id of every delivery of it.</summary>
    public Guid Id { get; private set; }

    /// <summary>The event's place in the pull feed; null for the moment between its commit and the sequencer's next pass.</summary>
    public long? Sequence { get; private set; }

    public string Type { get; private set; } = "";

    public string? Subject { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The structured-mode CloudEvent (<c>application/cloudevents+json</c>).</summary>
    public string Envelope { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the broker confirmed it on the partners' exchange; null while it waits (broker down, or AMQP off).</summary>
    public DateTimeOffset? AmqpPublishedAt { get; private set; }

    public static PublicEvent Create(Guid id, string type, string? subject, DateTimeOffset occurredAt, string envelope, DateTimeOffset now) => new()
    {
        Id = id,
        Type = type,
        Subject = subject,
        OccurredAt = occurredAt,
        Envelope = envelope,
        CreatedAt = now,
    };
}

internal sealed class PublicEventConfiguration : IEntityTypeConfiguration<PublicEvent>
{
    public void Configure(EntityTypeBuilder<PublicEvent> publicEvent)
    {
        publicEvent.ToTable("public_events");
        publicEvent.HasKey(e => e.Id);
        publicEvent.Property(e => e.Id).ValueGeneratedNever();
        publicEvent.HasIndex(e => e.Sequence).IsUnique().HasDatabaseName("ux_public_events_sequence");
        publicEvent.HasIndex(e => e.CreatedAt, "ix_public_events_unsequenced").HasFilter("sequence IS NULL").HasDatabaseName("ix_public_events_unsequenced");
        publicEvent.Property(e => e.Type).HasMaxLength(100);
        publicEvent.Property(e => e.Subject).HasMaxLength(100);
        publicEvent.HasIndex(e => new { e.Type, e.Sequence });
        publicEvent.HasIndex(e => e.CreatedAt, "ix_public_events_created_at").HasDatabaseName("ix_public_events_created_at");
        publicEvent.HasIndex(e => e.CreatedAt, "ix_public_events_amqp_pending").HasFilter("amqp_published_at IS NULL").HasDatabaseName("ix_public_events_amqp_pending");
    }
}
