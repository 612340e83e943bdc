using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Series;

/// <summary>An activity (活动): what it is, for whom, where, and its recurrence. Each occurrence is a Session.</summary>
public sealed class ActivitySeries
{
    private ActivitySeries()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public string Category { get; private set; } = "";

    public string Audience { get; private set; } = "";

    /// <summary>Who runs it: a Party branch, the youth council, a partner organisation.</summary>
    public string Organiser { get; private set; } = "";

    public Guid VenueId { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>At most this many registrations from one household per session (null: no cap).</summary>
    public int? HouseholdCap { get; private set; }

    /// <summary>The first session's start, Shanghai local time.</summary>
    public DateTime FirstStartsAtLocal { get; private set; }

    public int DurationMinutes { get; private set; }

    /// <summary>RFC 5545 RRULE, or null for a one-off activity.</summary>
    public string? RecurrenceRule { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ActivitySeries Create(string title, string? description, string category, string audience, string organiser,
        Guid venueId, int capacity, int? householdCap, DateTime firstStartsAtLocal, int durationMinutes, string? recurrenceRule,
        DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(),
            Title = title.Trim(),
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Category = category,
            Audience = audience,
            Organiser = organiser.Trim(),
            VenueId = venueId,
            Capacity = capacity,
            HouseholdCap = householdCap,
            FirstStartsAtLocal = firstStartsAtLocal,
            DurationMinutes = durationMinutes,
            RecurrenceRule = string.IsNullOrWhiteSpace(recurrenceRule) ? null : recurrenceRule.Trim(),
            CreatedAt = now,
        };
}

public static class SeriesRules
{
    public const int MaxTitleLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxOrganiserLength = 100;
    public const int MaxDurationMinutes = 12 * 60;
    public const int MaxRuleLength = 500;
}

internal sealed class ActivitySeriesConfiguration : IEntityTypeConfiguration<ActivitySeries>
{
    public void Configure(EntityTypeBuilder<ActivitySeries> series)
    {
        series.ToTable("activity_series", t =>
        {
            t.HasCheckConstraint("ck_activity_series_capacity", "capacity > 0");
            t.HasCheckConstraint("ck_activity_series_duration", "duration_minutes > 0");
        });
        series.HasKey(s => s.Id);
        series.Property(s => s.Title).HasMaxLength(SeriesRules.MaxTitleLength);
        series.Property(s => s.Description).HasMaxLength(SeriesRules.MaxDescriptionLength);
        series.Property(s => s.Category).HasMaxLength(40);
        series.Property(s => s.Audience).HasMaxLength(40);
        series.Property(s => s.Organiser).HasMaxLength(SeriesRules.MaxOrganiserLength);
        series.Property(s => s.RecurrenceRule).HasMaxLength(SeriesRules.MaxRuleLength);
        series.Property(s => s.FirstStartsAtLocal).HasColumnType("timestamp without time zone");
        series.HasOne<Venues.Venue>().WithMany().HasForeignKey(s => s.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
