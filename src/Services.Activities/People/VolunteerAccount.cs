using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.People;

/// <summary>
/// Which account a volunteer record belongs to (<c>VolunteerAccountLinked</c>): assignments name volunteer ids, and
/// this is how a volunteer's token finds the sessions whose door they work.
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
