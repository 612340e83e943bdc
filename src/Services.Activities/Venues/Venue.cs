using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Venues;

/// <summary>A room of the Party-mass service station or another service point where sessions take place.</summary>
public sealed class Venue
{
    private Venue()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>How many people the room holds; no session in it may take more.</summary>
    public int Capacity { get; private set; }

    /// <summary>Where it is, in words residents use ("service station, 2nd floor").</summary>
    public string? Location { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public bool StepFree { get; private set; }

    public bool HearingLoop { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the venue is open, per weekday (Shanghai time). None: always open.</summary>
    public List<OpeningHours> OpeningHours { get; private set; } = [];

    /// <summary>Dates the venue is closed (holidays, works), Shanghai calendar.</summary>
    public List<DateOnly> ClosedDates { get; private set; } = [];

    /// <summary>Why a session from <paramref name="startLocal"/> to <paramref name="endLocal"/> cannot take place here, or null.</summary>
    public string? WhyClosed(DateTime startLocal, DateTime endLocal)
    {
        var day = DateOnly.FromDateTime(startLocal);
        if (ClosedDates.Contains(day))
        {
            return $"{Name} is closed on {day:yyyy-MM-dd}.";
        }

        if (OpeningHours.Count == 0)
        {
            return null;
        }

        // A session ending at midnight ends at the very end of its day; one running past midnight never fits.
        TimeOnly? ends = DateOnly.FromDateTime(endLocal) == day ? TimeOnly.FromDateTime(endLocal)
            : endLocal == day.AddDays(1).ToDateTime(TimeOnly.MinValue) ? TimeOnly.MaxValue
            : null;
        var starts = TimeOnly.FromDateTime(startLocal);
        var fits = ends is { } until && OpeningHours.Any(h => h.Weekday == startLocal.DayOfWeek && h.Opens <= starts && until <= h.Closes);
        return fits ? null : $"{Name} is not open {startLocal:dddd HH:mm}–{endLocal:HH:mm} (see its opening hours).";
    }

    public void CloseOn(DateOnly date)
    {
        if (!ClosedDates.Contains(date))
        {
            ClosedDates.Add(date);
            ClosedDates.Sort();
        }
    }

    public static Venue Create(string name, int capacity, string? location, double? latitude, double? longitude,
        bool stepFree, bool hearingLoop, IEnumerable<OpeningHours> openingHours, IEnumerable<DateOnly> closedDates, DateTimeOffset now) => new()
        {
            OpeningHours = openingHours.ToList(),
            ClosedDates = closedDates.Distinct().Order().ToList(),
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Capacity = capacity,
            Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim(),
            Latitude = latitude,
            Longitude = longitude,
            StepFree = stepFree,
            HearingLoop = hearingLoop,
            CreatedAt = now,
        };
}

/// <summary>Open from <see cref="Opens"/> to <see cref="Closes"/> on <see cref="Weekday"/>.</summary>
public sealed class OpeningHours
{
    public DayOfWeek Weekday { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }

    /// <summary>The hours of one weekday as staff give them: closing at 00:00 means open until midnight.</summary>
    public static OpeningHours Of(DayOfWeek weekday, TimeOnly opens, TimeOnly closes) => new()
    {
        Weekday = weekday,
        Opens = opens,
        Closes = closes == TimeOnly.MinValue ? TimeOnly.MaxValue : closes,
    };

    /// <summary>Whether a venue given these hours closes after it opens, the same day (00:00 meaning midnight).</summary>
    public static bool ClosesAfterOpening(TimeOnly opens, TimeOnly closes) => closes > opens || closes == TimeOnly.MinValue;
}

public static class VenueRules
{
    public const int MaxNameLength = 100;
    public const int MaxLocationLength = 200;
    public const int MaxCapacity = 2000;
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> venue)
    {
        venue.HasKey(v => v.Id);
        venue.Property(v => v.Name).HasMaxLength(VenueRules.MaxNameLength);
        venue.Property(v => v.Location).HasMaxLength(VenueRules.MaxLocationLength);
        venue.HasIndex(v => v.Name).IsUnique();
        venue.OwnsMany(v => v.OpeningHours, hours => hours.ToJson());
        venue.ToTable(t =>
        {
            t.HasCheckConstraint("ck_venues_capacity", $"capacity BETWEEN 1 AND {VenueRules.MaxCapacity}");
            t.HasCheckConstraint("ck_venues_coordinates", "(latitude IS NULL) = (longitude IS NULL)");
        });
    }
}
