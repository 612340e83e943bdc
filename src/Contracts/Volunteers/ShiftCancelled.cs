namespace Community.Contracts;

/// <summary>A shift was cancelled (e.g. its session was); the volunteers who were on it are named by id so they can be told. No contact details.</summary>
/// <param name="Reason">No longer sent (always null): it repeated staff's typed words. Kept so messages published before can still be read.</param>
/// <param name="ReasonCode">One of <see cref="CancellationReasons"/>.</param>
public sealed record ShiftCancelled(Guid ShiftId, Guid RequestId, IReadOnlyList<Guid> VolunteerIds, string? Reason, DateTimeOffset CancelledAt, string? ReasonCode = null);
