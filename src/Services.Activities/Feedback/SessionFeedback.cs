using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Services.Activities.Feedback;

/// <summary>An attendee's rating (1–5) and comment on a session; one per registration.</summary>
public sealed class SessionFeedback
{
    public const int MaxCommentLength = 500;

    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid RegistrationId { get; set; }

    public int Rating { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SessionFeedbackConfiguration : IEntityTypeConfiguration<SessionFeedback>
{
    public void Configure(EntityTypeBuilder<SessionFeedback> feedback)
    {
        feedback.ToTable("session_feedback", t => t.HasCheckConstraint("ck_session_feedback_rating", "rating BETWEEN 1 AND 5"));
        feedback.HasKey(f => f.Id);
        feedback.Property(f => f.Comment).HasMaxLength(SessionFeedback.MaxCommentLength);
        feedback.HasIndex(f => f.RegistrationId).IsUnique();
        feedback.HasIndex(f => f.SessionId);
        feedback.HasOne<Registrations.Registration>().WithMany().HasForeignKey(f => f.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
