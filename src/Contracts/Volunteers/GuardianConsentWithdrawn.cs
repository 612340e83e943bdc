namespace Community.Contracts;

/// <summary>
/// A guardian withdrew their consent for a child to volunteer, and the child (with no other consent in force) was taken
/// off every shift not yet begun — each also announced as <see cref="VolunteerWithdrawn"/>. The adults on those shifts
/// supervise the children there and are told. No names, phone numbers or birth dates.
/// </summary>
/// <param name="Shifts">The shifts the child left; empty when another consent still stands or none was coming.</param>
public sealed record GuardianConsentWithdrawn(Guid ConsentId, Guid ChildVolunteerId, IReadOnlyList<ShiftLeftByChild> Shifts, DateTimeOffset WithdrawnAt);

/// <param name="SupervisorVolunteerIds">The adult volunteers still on the shift, who supervise the children on it.</param>
public sealed record ShiftLeftByChild(Guid ShiftId, DateTimeOffset StartsAt, IReadOnlyList<Guid> SupervisorVolunteerIds);
