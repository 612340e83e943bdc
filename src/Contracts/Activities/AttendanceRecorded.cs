namespace Community.Contracts;

/// <summary>A confirmed registrant was checked in at the door (Attended) or marked absent when the session ended. No names, phone numbers or addresses.</summary>
public sealed record AttendanceRecorded(Guid RegistrationId, Guid SessionId, bool Attended, DateTimeOffset RecordedAt);
