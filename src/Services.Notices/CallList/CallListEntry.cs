using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Notices.CallList;

/// <summary>
/// A notice a grid team must give a resident in person or by phone (they chose it, or have no account), with its
/// deadline when it has one (an offer's). Handled once: told (how, when, by whom) or could not reach. An entry for a
/// resident whose grid is unknown (<see cref="GridId"/> null) is station staff's to handle.
/// </summary>
public sealed class CallListEntry
{
    public Guid Id { get; set; }

    public string Kind { get; set; } = "";

    public string DedupeKey { get; set; } = "";

    public Guid ResidentId { get; set; }

    public Guid? GridId { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    public Guid? RegistrationId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Status { get; set; } = CallListStatus.Open;

    /// <summary><c>phone</c>, <c>in-person</c> or <c>other</c>, when told.</summary>
    public string? HowTold { get; set; }

    public string? Note { get; set; }

    public string? HandledBy { get; set; }

    public string? HandledByName { get; set; }

    public DateTimeOffset? HandledAt { get; set; }
}

public static class CallListStatus
{
    public const string Open = "open";
    public const string Told = "told";
    public const string Unreachable = "unreachable";

    /// <summary>No longer needed: the offer it announced was answered or withdrawn before anyone called.</summary>
    public const string Overtaken = "overtaken";
}

internal sealed class CallListEntryConfiguration : IEntityTypeConfiguration<CallListEntry>
{
    public void Configure(EntityTypeBuilder<CallListEntry> entry)
    {
        entry.ToTable("call_list_entries", table =>
        {
            table.HasCheckConstraint("ck_call_list_entries_status", "status IN ('open', 'told', 'unreachable', 'overtaken')");
            table.HasCheckConstraint("ck_call_list_entries_handled", "(status = 'open') = (handled_at IS NULL)");
        });
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Kind).HasMaxLength(40);
        entry.Property(e => e.DedupeKey).HasMaxLength(200);
        entry.HasIndex(e => e.DedupeKey).IsUnique();
        entry.Property(e => e.Title).HasMaxLength(200);
        entry.Property(e => e.Body).HasMaxLength(1000);
        entry.Property(e => e.Status).HasMaxLength(20);
        entry.Property(e => e.HowTold).HasMaxLength(20);
        entry.Property(e => e.Note).HasMaxLength(500);
        entry.Property(e => e.HandledBy).HasMaxLength(200);
        entry.Property(e => e.HandledByName).HasMaxLength(100);
        entry.HasIndex(e => new { e.GridId, e.Status, e.DueAt });
        // An answered offer settles its open entry by registration (every confirmation and cancellation asks).
        entry.HasIndex(e => e.RegistrationId).HasFilter("status = 'open' AND registration_id IS NOT NULL");
        entry.HasIndex(e => e.CreatedAt);
    }
}
