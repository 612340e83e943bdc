using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Hours;

/// <summary>
/// Time a volunteer served. Credited from a completed session once per (volunteer, session): the unique key
/// makes a redelivered SessionCompleted change nothing.
/// </summary>
public sealed class ServiceHours
{
    public Guid Id { get; set; }

    public Guid VolunteerId { get; set; }

    public int Minutes { get; set; }

    /// <summary>"session" (credited automatically) or "self-log" (counts once a supervisor confirms it).</summary>
    public string Source { get; set; } = "";

    public Guid SourceId { get; set; }

    public DateTimeOffset ServedAt { get; set; }

    public string Status { get; set; } = "confirmed";

    public DateTimeOffset CreditedAt { get; set; }
}

internal sealed class ServiceHoursConfiguration : IEntityTypeConfiguration<ServiceHours>
{
    public void Configure(EntityTypeBuilder<ServiceHours> hours)
    {
        hours.ToTable("service_hours", t => t.HasCheckConstraint("ck_service_hours_minutes", "minutes > 0 AND minutes <= 1440"));
        hours.HasKey(h => h.Id);
        hours.Property(h => h.Source).HasMaxLength(20);
        hours.Property(h => h.Status).HasMaxLength(20);
        hours.HasIndex(h => new { h.VolunteerId, h.Source, h.SourceId }).IsUnique();
        hours.HasIndex(h => new { h.VolunteerId, h.ServedAt });
    }
}
