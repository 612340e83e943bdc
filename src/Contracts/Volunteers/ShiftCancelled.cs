namespace Community.Contracts;

/// <summary>A shift was cancelled (e.g. its session was); the volunteers who were on it are named by id so they can be told. No contact details.</summary>
/// <param name="ReasonCode">One of <see cref="CancellationReasons"/>, never free text.</param>
public sealed record ShiftCancelled(Guid ShiftId, Guid RequestId, IReadOnlyList<Guid> VolunteerIds, string ReasonCode, DateTimeOffset CancelledAt);
