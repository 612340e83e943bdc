using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Volunteers;

/// <summary>A team's call for volunteers to help with a resident request (announced as <c>VolunteerHelpRequested</c>).</summary>
public sealed class RequestHelp
{
    /// <summary>The id the Volunteers service answers with (<c>VolunteerAssigned.RequestId</c>).</summary>
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    public string? Skill { get; set; }

    public int Needed { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public DateTimeOffset RequestedAt { get; set; }
}

/// <summary>A volunteer who took up a call for help (from <c>VolunteerAssigned</c>; <c>VolunteerWithdrawn</c> ends it).</summary>
public sealed class RequestHelper
{
    public Guid AssignmentId { get; set; }

    public Guid HelpId { get; set; }

    public Guid VolunteerId { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class RequestHelpConfiguration : IEntityTypeConfiguration<RequestHelp>, IEntityTypeConfiguration<RequestHelper>
{
    public void Configure(EntityTypeBuilder<RequestHelp> help)
    {
        help.ToTable("request_help");
        help.HasKey(h => h.Id);
        help.Property(h => h.Id).ValueGeneratedNever();
        help.Property(h => h.Skill).HasMaxLength(50);
        help.HasOne<Requests.ResidentRequest>().WithMany().HasForeignKey(h => h.RequestId).OnDelete(DeleteBehavior.Cascade);
        help.HasIndex(h => h.RequestId);
    }

    public void Configure(EntityTypeBuilder<RequestHelper> helper)
    {
        helper.ToTable("request_helpers");
        helper.HasKey(h => h.AssignmentId);
        helper.Property(h => h.AssignmentId).ValueGeneratedNever();
        helper.HasOne<RequestHelp>().WithMany().HasForeignKey(h => h.HelpId).OnDelete(DeleteBehavior.Cascade);
        helper.HasIndex(h => h.HelpId);
    }
}
