namespace Community.Contracts;

/// <summary>
/// A notice for a resident went on their grid team's call list (they chose to be told in person or by phone, or have
/// no account). When it offers a place (<paramref name="RegistrationId"/> set), Activities keeps the offer open until
/// <see cref="CallListEntryHandled"/> says the resident was told or could not be reached. No names or phone numbers.
/// </summary>
/// <param name="RegistrationId">The registration whose offer the entry announces, if any.</param>
/// <param name="DueAt">When the resident must have been told (an offer's deadline), if there is one.</param>
public sealed record CallListEntryOpened(Guid EntryId, Guid ResidentId, Guid? GridId, string Kind, Guid? RegistrationId, DateTimeOffset? DueAt, DateTimeOffset OpenedAt);
