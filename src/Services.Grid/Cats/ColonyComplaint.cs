using Community.Services.Grid.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Cats;

/// <summary>
/// A stray-animals request linked to the colony it is about: the complaints the report counts. A request is about
/// at most one colony (its id is the key).
/// </summary>
public sealed class ColonyComplaint
{
    private ColonyComplaint()
    {
    }

    public Guid RequestId { get; private set; }

    public Guid ColonyId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public string LinkedBy { get; private set; } = "";

    public static ColonyComplaint Link(Guid colonyId, ResidentRequest request, string by, DateTimeOffset now) =>
        request.Category == RequestCategories.StrayAnimals
            ? new() { RequestId = request.Id, ColonyId = colonyId, LinkedAt = now, LinkedBy = by }
            : throw new ArgumentException($"Only a {RequestCategories.StrayAnimals} request is a cat complaint.", nameof(request));
}

internal sealed class ColonyComplaintConfiguration : IEntityTypeConfiguration<ColonyComplaint>
{
    public void Configure(EntityTypeBuilder<ColonyComplaint> complaint)
    {
        complaint.ToTable("colony_complaints");
        complaint.HasKey(c => c.RequestId);
        complaint.Property(c => c.LinkedBy).HasMaxLength(200);
        complaint.HasOne<ResidentRequest>().WithOne().HasForeignKey<ColonyComplaint>(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
        complaint.HasOne<Colony>().WithMany().HasForeignKey(c => c.ColonyId).OnDelete(DeleteBehavior.Restrict);
        complaint.HasIndex(c => c.ColonyId);
    }
}
