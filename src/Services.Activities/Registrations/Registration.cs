using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Registrations;

/// <summary>
/// A person's registration (报名) for a session — made by themselves, a family member or a grid worker.
/// Keeps only what the door needs: a name to find them and a check-in code.
/// </summary>
public sealed class Registration
{
    private Registration()
    {
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    /// <summary>Who takes part: the resident's id when known, else the registrant's id and the name given.</summary>
    public string ParticipantKey { get; private set; } = "";

    public string ParticipantName { get; private set; } = "";

    public int? BirthYear { get; private set; }

    public string? HouseholdRef { get; private set; }

    /// <summary>The participant's resident record (from Grid), when the registration is for a known resident.</summary>
    public Guid? ParticipantResidentId { get; private set; }

    /// <summary>The token subject (account) of whoever registered (the participant, a relative, a grid worker).</summary>
    public string RegisteredBy { get; private set; } = "";

    /// <summary>Their name as the token gave it, shown to the participant and staff beside an on-behalf registration.</summary>
    public string RegisteredByName { get; private set; } = "";

    public bool OnBehalf { get; private set; }

    /// <summary>The consent the registrant acted under (for someone neither themselves nor their ward).</summary>
    public Guid? ConsentId { get; private set; }

    public string Status { get; private set; } = RegistrationStatus.Confirmed;

    /// <summary>Order on the waitlist: lower goes first. Set when waitlisted.</summary>
    public long? WaitlistRank { get; private set; }

    public DateTimeOffset? OfferExpiresAt { get; private set; }

    public string CheckInCode { get; private set; } = "";

    public string? IdempotencyKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When staff checked the participant in at the door.</summary>
    public DateTimeOffset? CheckedInAt { get; private set; }

    /// <summary>Set when the session completed without the participant checking in.</summary>
    public bool NoShow { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>Who cancelled: the participant, the registrant, staff.</summary>
    public string? CancelledBy { get; private set; }

    /// <summary>The registrant's account, when the token subject was one (events name it so the person can be told).</summary>
    public Guid? RegistrantAccountId => Guid.TryParse(RegisteredBy, out var account) ? account : null;

    public bool HoldsAPlace => Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered;

    public static Registration Create(Guid sessionId, Participant participant, string registeredBy, string registeredByName,
        bool placeTaken, long waitlistRank, string? idempotencyKey, string checkInCode, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(),
            SessionId = sessionId,
            ParticipantKey = participant.Key,
            ParticipantName = participant.Name.Trim(),
            ParticipantResidentId = participant.ResidentId,
            BirthYear = participant.BirthYear,
            HouseholdRef = participant.Household,
            RegisteredBy = registeredBy,
            RegisteredByName = registeredByName.Length > 100 ? registeredByName[..100] : registeredByName,
            OnBehalf = participant.OnBehalf,
            ConsentId = participant.ConsentId,
            Status = placeTaken ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted,
            WaitlistRank = placeTaken ? null : waitlistRank,
            CheckInCode = checkInCode,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
        };

    /// <summary>What the database decided when it booked the registration (<see cref="PlaceBooking"/>): a place, or the waitlist at that rank.</summary>
    public void Settle(bool placeTaken, long? waitlistRank)
    {
        Status = placeTaken ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
        WaitlistRank = placeTaken ? null : waitlistRank;
    }

    /// <summary>Another registration of the session drew the same code before this one was saved: a new draw.</summary>
    public void DrawCheckInCodeAgain(string code) => CheckInCode = code;

    public void Offer(DateTimeOffset expiresAt)
    {
        Status = RegistrationStatus.Offered;
        OfferExpiresAt = expiresAt;
    }

    public void Confirm()
    {
        Status = RegistrationStatus.Confirmed;
        OfferExpiresAt = null;
        WaitlistRank = null;
    }

    public void Rerank(long rank) => WaitlistRank = rank;

    public void CheckIn(DateTimeOffset now) => CheckedInAt ??= now;

    public void MarkNoShow() => NoShow = true;

    /// <summary>What <see cref="RegisteredBy"/> says once whoever registered asked for their data to be erased: no account, nobody told.</summary>
    public const string ErasedRegistrant = "erased";

    /// <summary>The participant asked for their data to be erased: the row keeps counting in the session's numbers, unnamed.</summary>
    public void ForgetParticipant(string erasedName, string erasedText)
    {
        ParticipantName = erasedName;
        ParticipantKey = $"erased:{Id}";
        BirthYear = null;
        CancelReason = CancelReason is null ? null : erasedText;
        if (!OnBehalf)
        {
            ForgetRegistrant(erasedName);
        }
    }

    /// <summary>Whoever registered asked for their data to be erased: the registration stays the participant's, and events about it name no account.</summary>
    public void ForgetRegistrant(string erasedName)
    {
        RegisteredBy = ErasedRegistrant;
        RegisteredByName = erasedName;
    }

    public void Cancel(string reason, string cancelledBy, DateTimeOffset now)
    {
        Status = RegistrationStatus.Cancelled;
        CancelReason = reason;
        CancelledBy = cancelledBy.Length > 200 ? cancelledBy[..200] : cancelledBy;
        CancelledAt = now;
        OfferExpiresAt = null;
    }
}

public static class RegistrationStatus
{
    public const string Confirmed = "confirmed";
    public const string Waitlisted = "waitlisted";
    public const string Offered = "offered";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// Six characters without look-alikes (no 0/O, 1/I/L): easy to read aloud and to print on a QR card. Unique within a
/// session (the index below); two registrations drawing the same code is rare, and the second simply draws again.
/// </summary>
public class CheckInCodes
{
    /// <summary>The unique index that keeps a code to one registration of a session.</summary>
    public const string UniqueIndex = "ix_registrations_session_id_check_in_code";

    /// <summary>How many draws a registration gets before a collision is treated as a conflict.</summary>
    public const int Draws = 5;

    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public virtual string New() => System.Security.Cryptography.RandomNumberGenerator.GetString(Alphabet, 6);
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.ToTable("registrations");
        registration.HasKey(r => r.Id);
        registration.Property(r => r.ParticipantKey).HasMaxLength(200);
        registration.Property(r => r.ParticipantName).HasMaxLength(50);
        registration.Property(r => r.HouseholdRef).HasMaxLength(100);
        registration.Property(r => r.RegisteredBy).HasMaxLength(200);
        registration.Property(r => r.RegisteredByName).HasMaxLength(100);
        registration.Property(r => r.CancelledBy).HasMaxLength(200);
        registration.HasIndex(r => r.ParticipantResidentId).HasFilter("participant_resident_id IS NOT NULL");
        registration.Property(r => r.Status).HasMaxLength(20);
        registration.Property(r => r.CheckInCode).HasMaxLength(6);
        registration.Property(r => r.IdempotencyKey).HasMaxLength(100);
        registration.Property(r => r.CancelReason).HasMaxLength(500);
        registration.HasOne<Sessions.Session>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        // One live registration per person per session, whoever makes it and however many at once.
        registration.HasIndex(r => new { r.SessionId, r.ParticipantKey }).IsUnique().HasFilter("status <> 'cancelled'");
        // A retried POST finds its first result.
        registration.HasIndex(r => new { r.RegisteredBy, r.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        registration.HasIndex(r => new { r.SessionId, r.CheckInCode }).IsUnique();
        registration.HasIndex(r => new { r.SessionId, r.Status, r.WaitlistRank });
        registration.HasIndex(r => r.OfferExpiresAt).HasFilter("status = 'offered'");
    }
}
