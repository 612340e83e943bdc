using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.Activities;

/// <summary>A session as Activities announces it: what a notice names and when the day-before reminder is due.</summary>
public sealed class TrackedSession
{
    public Guid SessionId { get; set; }

    public string Title { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public bool Cancelled { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// A registration as Activities announces it: who takes part (resident) and who registered (account), its state, and an
/// open offer's times (for the reminder at half the time).
/// </summary>
public sealed class TrackedRegistration
{
    public Guid RegistrationId { get; set; }

    public Guid SessionId { get; set; }

    public Guid? ResidentId { get; set; }

    public Guid? AccountId { get; set; }

    public string Status { get; set; } = "";

    public DateTimeOffset? OfferMadeAt { get; set; }

    public DateTimeOffset? OfferExpiresAt { get; set; }

    public bool OfferReminded { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

public static class TrackedStatus
{
    public const string Confirmed = "confirmed";
    public const string Waitlisted = "waitlisted";
    public const string Offered = "offered";
    public const string Cancelled = "cancelled";
}

internal sealed class TrackedConfiguration : IEntityTypeConfiguration<TrackedSession>, IEntityTypeConfiguration<TrackedRegistration>
{
    public void Configure(EntityTypeBuilder<TrackedSession> session)
    {
        session.ToTable("tracked_sessions");
        session.HasKey(s => s.SessionId);
        session.Property(s => s.Title).HasMaxLength(100);
        session.HasIndex(s => s.StartsAt).HasFilter("NOT cancelled");
    }

    public void Configure(EntityTypeBuilder<TrackedRegistration> registration)
    {
        registration.ToTable("tracked_registrations");
        registration.HasKey(r => r.RegistrationId);
        registration.Property(r => r.Status).HasMaxLength(20);
        registration.HasIndex(r => new { r.SessionId, r.Status });
        registration.HasIndex(r => r.OfferExpiresAt).HasFilter("status = 'offered' AND NOT offer_reminded");
    }
}
