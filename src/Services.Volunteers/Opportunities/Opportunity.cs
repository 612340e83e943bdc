using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Volunteers.Opportunities;

/// <summary>A need for volunteers: from another service's request (a session's tutors) or created by staff.</summary>
public sealed class Opportunity
{
    public Guid Id { get; set; }

    /// <summary>"activities", "grid" or "staff" (see <see cref="OpportunitySources"/>).</summary>
    public string Source { get; set; } = "";

    /// <summary>The requesting service's id for the need (VolunteersRequested.RequestId); assignments refer back to it.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The session the need is for, when it came from Activities.</summary>
    public Guid? SessionId { get; set; }

    public string Title { get; set; } = "";

    public string? Skill { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static Opportunity Open(string source, Guid requestId, string title, string? skill, DateTimeOffset now, Guid? sessionId = null) => new()
    {
        Id = Guid.CreateVersion7(), Source = source, RequestId = requestId, SessionId = sessionId, Title = title, Skill = skill, CreatedAt = now,
    };

    public Shift NewShift(DateTimeOffset startsAt, DateTimeOffset endsAt, string? place, Guid? buildingId, int minVolunteers, int maxVolunteers) => new()
    {
        Id = Guid.CreateVersion7(), OpportunityId = Id, StartsAt = startsAt, EndsAt = endsAt, Place = place,
        BuildingId = buildingId, MinVolunteers = minVolunteers, MaxVolunteers = maxVolunteers,
    };
}

public static class OpportunitySources
{
    public const string Staff = "staff";
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> opportunity)
    {
        opportunity.ToTable("opportunities");
        opportunity.HasKey(o => o.Id);
        opportunity.Property(o => o.Source).HasMaxLength(20);
        opportunity.Property(o => o.Title).HasMaxLength(100);
        opportunity.Property(o => o.Skill).HasMaxLength(50);
        opportunity.HasIndex(o => o.RequestId).IsUnique();
        opportunity.HasIndex(o => o.SessionId);
    }
}
