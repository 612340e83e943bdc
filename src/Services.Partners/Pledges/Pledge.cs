using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Partners.Pledges;

/// <summary>
/// A partner's promise on a need: offered → accepted or declined by staff → delivered (the partner says so) →
/// fulfilled (staff confirm receipt). The partner may withdraw it before it is delivered.
/// </summary>
public sealed class Pledge
{
    public const string Offered = "offered";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Delivered = "delivered";
    public const string Fulfilled = "fulfilled";
    public const string Withdrawn = "withdrawn";

    private Pledge()
    {
    }

    public Guid Id { get; private set; }

    public Guid NeedId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public string What { get; private set; } = "";

    public int Quantity { get; private set; }

    public DateOnly? DeliverBy { get; private set; }

    public string Status { get; private set; } = Offered;

    public DateTimeOffset OfferedAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DeclineReason { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public DateTimeOffset? FulfilledAt { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public static Pledge Offer(Guid needId, Guid organisationId, string what, int quantity, DateOnly? deliverBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        NeedId = needId,
        OrganisationId = organisationId,
        What = what.Trim(),
        Quantity = quantity,
        DeliverBy = deliverBy,
        OfferedAt = now,
    };
}

/// <summary>The moves a pledge may make, and from where: checked here, and again by the conditional update that makes it.</summary>
public static class PledgeMoves
{
    public static readonly IReadOnlyDictionary<string, string> RequiredState = new Dictionary<string, string>
    {
        [Pledge.Accepted] = Pledge.Offered,
        [Pledge.Declined] = Pledge.Offered,
        [Pledge.Delivered] = Pledge.Accepted,
        [Pledge.Fulfilled] = Pledge.Delivered,
    };

    public static bool MayWithdraw(string status) => status is Pledge.Offered or Pledge.Accepted;
}

internal sealed class PledgeConfiguration : IEntityTypeConfiguration<Pledge>
{
    public void Configure(EntityTypeBuilder<Pledge> pledge)
    {
        pledge.ToTable("pledges", table =>
        {
            table.HasCheckConstraint("ck_pledges_status", "status IN ('offered', 'accepted', 'declined', 'delivered', 'fulfilled', 'withdrawn')");
            table.HasCheckConstraint("ck_pledges_quantity", "quantity BETWEEN 1 AND 10000");
        });
        pledge.HasKey(p => p.Id);
        pledge.Property(p => p.Id).ValueGeneratedNever();
        pledge.Property(p => p.What).HasMaxLength(200);
        pledge.Property(p => p.Status).HasMaxLength(20);
        pledge.Property(p => p.DecidedBy).HasMaxLength(200);
        pledge.Property(p => p.DeclineReason).HasMaxLength(500);
        pledge.Property(p => p.ConfirmedBy).HasMaxLength(200);
        pledge.HasOne<Need>().WithMany().HasForeignKey(p => p.NeedId).OnDelete(DeleteBehavior.Restrict);
        pledge.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        pledge.HasIndex(p => new { p.OrganisationId, p.OfferedAt });
        pledge.HasIndex(p => p.NeedId);
    }
}
