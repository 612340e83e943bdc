using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// Time a volunteer served. Credited from completed work once per (volunteer, source, source id): the unique
/// key makes a redelivered SessionCompleted change nothing. Self-logged time counts once a supervisor confirms it.
/// </summary>
public sealed class ServiceHours
{
    public Guid Id { get; set; }

    public Guid VolunteerId { get; set; }

    public int Minutes { get; set; }

    /// <summary>See <see cref="HourSources"/>.</summary>
    public string Source { get; set; } = "";

    /// <summary>The session, shift or (for a self-log) the entry itself.</summary>
    public Guid SourceId { get; set; }

    /// <summary>What was done, for the certificate: the opportunity's title or the volunteer's own words.</summary>
    public string Activity { get; set; } = "";

    public DateTimeOffset ServedAt { get; set; }

    /// <summary>See <see cref="HourStatuses"/>.</summary>
    public string Status { get; set; } = HourStatuses.Confirmed;

    public DateTimeOffset CreditedAt { get; set; }

    /// <summary>The subject of whoever logged self-logged time (the volunteer, or someone for them); null when credited from work.</summary>
    public string? LoggedBy { get; set; }
}

public static class HourSources
{
    public const string Session = "session";
    public const string Shift = "shift";
    public const string SelfLog = "self-log";
}

public static class HourStatuses
{
    public const string Pending = "pending";
    public const string Confirmed = "confirmed";
    public const string Rejected = "rejected";
}

internal sealed class ServiceHoursConfiguration : IEntityTypeConfiguration<ServiceHours>
{
    public void Configure(EntityTypeBuilder<ServiceHours> hours)
    {
        hours.ToTable("service_hours", t =>
        {
            t.HasCheckConstraint("ck_service_hours_minutes", "minutes > 0 AND minutes <= 1440");
            t.HasCheckConstraint("ck_service_hours_status", "status IN ('pending', 'confirmed', 'rejected')");
        });
        hours.HasKey(h => h.Id);
        hours.Property(h => h.Source).HasMaxLength(20);
        hours.Property(h => h.Status).HasMaxLength(20);
        hours.Property(h => h.Activity).HasMaxLength(200);
        hours.Property(h => h.LoggedBy).HasMaxLength(200);
        hours.HasIndex(h => new { h.VolunteerId, h.Source, h.SourceId }).IsUnique();
        hours.HasIndex(h => new { h.VolunteerId, h.ServedAt });
        hours.HasIndex(h => new { h.Status, h.ServedAt });
        hours.HasOne<Registry.Volunteer>().WithMany().HasForeignKey(h => h.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}
