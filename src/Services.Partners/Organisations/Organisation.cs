using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.Organisations;

/// <summary>
/// A partner organisation: a company, school, hospital, agency or social organisation that helps the neighbourhood.
/// Station staff add it and approve it; once approved it may receive the public events and pledge help.
/// </summary>
public sealed class Organisation
{
    public static readonly IReadOnlyList<string> Kinds = ["company", "school", "hospital", "agency", "social-organisation"];

    private Organisation()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Kind { get; private set; } = "";

    public List<string> AreasOfHelp { get; private set; } = [];

    public string ContactName { get; private set; } = "";

    /// <summary>Shown whole to station staff only; masked to the partner's own people.</summary>
    public string ContactPhone { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public bool Approved => ApprovedAt is not null;

    public static Organisation Add(string name, string kind, IEnumerable<string> areasOfHelp, string contactName, string contactPhone, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Kind = kind,
        AreasOfHelp = areasOfHelp.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList(),
        ContactName = contactName.Trim(),
        ContactPhone = contactPhone,
        CreatedAt = now,
    };

    public void Approve(DateTimeOffset now) => ApprovedAt ??= now;
}

/// <summary>A person (an account) who may act for an organisation: pledge, manage its webhooks, read its feed.</summary>
public sealed class OrganisationMember
{
    private OrganisationMember()
    {
    }

    public Guid OrganisationId { get; private set; }

    public Guid AccountId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static OrganisationMember Add(Guid organisationId, Guid accountId, DateTimeOffset now) =>
        new() { OrganisationId = organisationId, AccountId = accountId, AddedAt = now };
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("organisations", table =>
            table.HasCheckConstraint("ck_organisations_kind", "kind IN ('company', 'school', 'hospital', 'agency', 'social-organisation')"));
        organisation.HasKey(o => o.Id);
        organisation.Property(o => o.Id).ValueGeneratedNever();
        organisation.Property(o => o.Name).HasMaxLength(100);
        organisation.Property(o => o.Kind).HasMaxLength(30);
        organisation.Property(o => o.ContactName).HasMaxLength(50);
        organisation.Property(o => o.ContactPhone).HasMaxLength(20);
        organisation.Ignore(o => o.Approved);
        organisation.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> member)
    {
        member.ToTable("organisation_members");
        member.HasKey(m => new { m.OrganisationId, m.AccountId });
        member.HasIndex(m => m.AccountId);
        member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
