namespace Community.Contracts;

/// <summary>A shift was cancelled (e.g. its session was); the volunteers who were on it are named by id so they can be told. No contact details.</summary>
public sealed record ShiftCancelled(Guid ShiftId, Guid RequestId, IReadOnlyList<Guid> VolunteerIds, string Reason, DateTimeOffset CancelledAt);
