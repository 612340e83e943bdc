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

    public static Venue Create(string name, int capacity, string? location, double? latitude, double? longitude,
        bool stepFree, bool hearingLoop, DateTimeOffset now) => new()
        {
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
        venue.ToTable(t =>
        {
            t.HasCheckConstraint("ck_venues_capacity", $"capacity BETWEEN 1 AND {VenueRules.MaxCapacity}");
            t.HasCheckConstraint("ck_venues_coordinates", "(latitude IS NULL) = (longitude IS NULL)");
        });
    }
}
