using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.Inbox;

/// <summary>
/// One notice in one inbox: a person's (<see cref="AccountId"/>) or a role's (<see cref="Role"/>, e.g. every station
/// staff member). Its text is rendered in Chinese when it is written. Hidden until <see cref="VisibleFrom"/> (quiet
/// hours hold non-urgent ones until 08:00); pushed live once visible; kept 180 days.
/// </summary>
public sealed class Notice
{
    public Guid Id { get; set; }

    /// <summary>What happened, e.g. <c>offer-made</c> (<see cref="Delivery.NoticeKinds"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>One notice per fact and recipient: a redelivered event finds its key taken.</summary>
    public string DedupeKey { get; set; } = "";

    public Guid? AccountId { get; set; }

    public string? Role { get; set; }

    /// <summary>The resident the notice is about, when it is about one (an offer, a cancellation).</summary>
    public Guid? ResidentId { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>Where in the web app to act on it, e.g. <c>/me/registrations</c>.</summary>
    public string? Link { get; set; }

    public bool Urgent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset VisibleFrom { get; set; }

    /// <summary>
    /// The id of the transaction that wrote it (set by the database): live delivery reads what transactions finished
    /// since its last pass, in whatever order they committed.
    /// </summary>
    public long WrittenBy { get; set; }
}

/// <summary>Someone read a notice (a role's notice is read per person).</summary>
public sealed class NoticeRead
{
    public Guid NoticeId { get; set; }

    public Guid AccountId { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>, IEntityTypeConfiguration<NoticeRead>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.ToTable("notices", table => table.HasCheckConstraint("ck_notices_one_recipient", "(account_id IS NULL) <> (role IS NULL)"));
        notice.HasKey(n => n.Id);
        notice.Property(n => n.Kind).HasMaxLength(40);
        notice.Property(n => n.DedupeKey).HasMaxLength(200);
        notice.HasIndex(n => n.DedupeKey).IsUnique();
        notice.Property(n => n.Role).HasMaxLength(40);
        notice.Property(n => n.Title).HasMaxLength(200);
        notice.Property(n => n.Body).HasMaxLength(1000);
        notice.Property(n => n.Link).HasMaxLength(300);
        notice.HasIndex(n => new { n.AccountId, n.CreatedAt }).HasFilter("account_id IS NOT NULL");
        notice.HasIndex(n => new { n.Role, n.CreatedAt }).HasFilter("role IS NOT NULL");
        notice.Property(n => n.WrittenBy).HasDefaultValueSql("pg_current_xact_id()::text::bigint").ValueGeneratedOnAdd();
        notice.HasIndex(n => n.WrittenBy);
        notice.HasIndex(n => n.VisibleFrom);
        notice.HasIndex(n => n.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<NoticeRead> read)
    {
        read.ToTable("notice_reads");
        read.HasKey(r => new { r.NoticeId, r.AccountId });
        read.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
