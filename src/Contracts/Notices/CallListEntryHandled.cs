namespace Community.Contracts;

/// <summary>A grid team member handled a call list entry: the resident was told, or could not be reached. No names or phone numbers.</summary>
/// <param name="Outcome"><c>told</c> or <c>unreachable</c>.</param>
public sealed record CallListEntryHandled(Guid EntryId, Guid ResidentId, Guid? RegistrationId, string Outcome, DateTimeOffset HandledAt);
