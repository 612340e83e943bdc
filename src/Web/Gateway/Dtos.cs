namespace Community.Web.Gateway;

// The shapes the web app reads from the services (only the fields it shows).

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public sealed record SessionView(
    Guid Id, Guid SeriesId, string Title, string Category, string Audience, Guid VenueId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int PlacesLeft, string Status);

public sealed record RegistrationView(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt, string? RegisteredBy, Guid? ParticipantResidentId, string? CancelReason);

public sealed record CheckInView(Guid RegistrationId, string ParticipantName, DateTimeOffset CheckedInAt);

public sealed record DoorEntryView(Guid RegistrationId, string ParticipantName, bool CheckedIn);

public sealed record RequestView(
    Guid Id, string Category, string Priority, string Channel, Guid BuildingId, Guid? HouseholdId, string Description, bool Anonymous,
    string Status, DateTimeOffset ReportedAt, DateTimeOffset DueAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, string? Resolution);

public sealed record VolunteerView(Guid Id, string DisplayName);

public sealed record HoursView(Guid VolunteerId, int ConfirmedMinutes, double ConfirmedHours, int Credits, int PendingMinutes);

public sealed record MyShiftView(Guid AssignmentId, Guid ShiftId, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, string Status);

public sealed record ShiftView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, int MinVolunteers, int MaxVolunteers, int Assigned, string Status);

public sealed record OpportunityView(Guid Id, string Title, string? Skill, IReadOnlyList<ShiftView> Shifts);

public sealed record ResidentView(Guid Id, Guid HouseholdId, string Name, int BirthYear, string? Phone = null);

public sealed record HouseholdView(Guid Id, Guid BuildingId, string Unit);

public sealed record ConsentView(Guid Id, Guid ResidentId, Guid ActorAccountId, string Purpose, DateTimeOffset ValidUntil, bool Holds, string? ResidentName);

public sealed record NoticeView(Guid Id, string Kind, string Title, string Body, string? Link, bool Urgent, DateTimeOffset CreatedAt, bool Read);

public sealed record InboxView(IReadOnlyList<NoticeView> Items, int PageNumber, int PageSize, int Total, int Unread);

public sealed record CallListEntryView(
    Guid Id, string Kind, Guid ResidentId, string ResidentName, Guid? GridId, string Title, string Body, Guid? RegistrationId,
    DateTimeOffset? DueAt, DateTimeOffset CreatedAt, string Status, string? HowTold, string? Note, string? HandledByName, DateTimeOffset? HandledAt);

