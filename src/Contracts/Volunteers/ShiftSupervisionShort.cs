namespace Community.Contracts;

/// <summary>
/// A shift with children on it lost an adult supervisor whose leaving could not be refused (they asked for their data to
/// be erased), and now has more children than its supervisors may look after: station staff find another adult or
/// withdraw children with their guardians. Counts only — no names.
/// </summary>
public sealed record ShiftSupervisionShort(Guid ShiftId, DateTimeOffset StartsAt, int Children, int Supervisors, DateTimeOffset RaisedAt);
