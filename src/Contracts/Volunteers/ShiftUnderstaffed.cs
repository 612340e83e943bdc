namespace Community.Contracts;

/// <summary>A shift is still under its minimum 72 h (then 24 h) before it starts, so staff and partners can act. No contact details.</summary>
public sealed record ShiftUnderstaffed(Guid ShiftId, Guid RequestId, int MinVolunteers, int Assigned, DateTimeOffset StartsAt, int HoursBefore, DateTimeOffset RaisedAt);
