using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Grid.Volunteers;

/// <summary>
/// Which account a volunteer record belongs to, as the registry announces it (<c>VolunteerAccountLinked</c>):
/// team membership is kept by volunteer id, and this is how a grid worker's token finds their grids.
/// </summary>
public sealed class VolunteerAccount
{
    public Guid VolunteerId { get; set; }

    public Guid AccountId { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}

internal sealed class VolunteerAccountConfiguration : IEntityTypeConfiguration<VolunteerAccount>
{
    public void Configure(EntityTypeBuilder<VolunteerAccount> link)
    {
        link.ToTable("volunteer_accounts");
        link.HasKey(l => l.VolunteerId);
        link.Property(l => l.VolunteerId).ValueGeneratedNever();
        link.HasIndex(l => l.AccountId);
    }
}
