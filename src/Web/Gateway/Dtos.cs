namespace Community.Web.Gateway;

// The shapes the web app reads from the services (only the fields it shows).

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public sealed record SessionView(
    Guid Id, Guid SeriesId, string Title, string Category, string Audience, Guid VenueId, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int Capacity, int PlacesLeft, string Status);

public sealed record AccountView(Guid Id, string DisplayName, string Phone, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Disabled);

public sealed record IssuedAccountView(AccountView Account, string ActivationCode, DateTimeOffset ExpiresAt);

public sealed record IssuedCodeView(Guid AccountId, string ActivationCode, DateTimeOffset ExpiresAt);

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Types, bool Enabled, string? DisabledReason, DateTimeOffset? FailingSince);

public sealed record WebhookSecretView(WebhookView Endpoint, string Secret);

public sealed record WebhookAttemptView(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error);

public sealed record WebhookDeliveryView(Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, IReadOnlyList<WebhookAttemptView> AttemptLog);

public sealed record GridSummaryView(Guid Id, string Name, int Buildings, bool TeamComplete);

public sealed record TeamMemberView(Guid Id, Guid VolunteerId, string? DisplayName, string Role, DateTimeOffset? Until);

public sealed record GridDetailView(Guid Id, string Name, IReadOnlyList<TeamMemberView> Team);

public sealed record OverdueHouseholdView(Guid HouseholdId, Guid BuildingId, string Unit, bool Vulnerable, DateTimeOffset? LastVisitedAt, int DaysOverdue);

public sealed record CoverageView(int Households, int Covered, double CoveredShare, int VulnerableHouseholds, int VulnerableCovered, int OverdueTotal,
    IReadOnlyList<OverdueHouseholdView> Overdue);

public sealed record BuildingView(Guid Id, string Number, double? Latitude = null, double? Longitude = null);

public sealed record NearbySessionView(SessionView Session, string VenueName, int DistanceMeters, int WalkMinutes);

public sealed record VisitView(Guid Id, Guid HouseholdId, DateTimeOffset VisitedAt, IReadOnlyList<Guid> RequestIds);

public sealed record VenueView(Guid Id, string Name, int Capacity, bool StepFree, string? Location = null, bool HearingLoop = false);

public sealed record SeriesView(Guid Id, string Title, IReadOnlyList<SessionView> Sessions);

public sealed record RegistrationView(
    Guid Id, Guid SessionId, string ParticipantName, string Status, int? WaitlistPosition, DateTimeOffset? OfferExpiresAt,
    string? CheckInCode, bool OnBehalf, DateTimeOffset CreatedAt, string? RegisteredBy, Guid? ParticipantResidentId, string? CancelReason,
    SessionView? Session = null);

public sealed record CheckInView(Guid RegistrationId, string ParticipantName, DateTimeOffset CheckedInAt);

public sealed record DoorEntryView(Guid RegistrationId, string ParticipantName, bool CheckedIn);

public sealed record RequestView(
    Guid Id, string Category, string Priority, string Channel, Guid BuildingId, Guid? HouseholdId, string Description, bool Anonymous,
    string Status, DateTimeOffset ReportedAt, DateTimeOffset DueAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt, string? Resolution);

public sealed record VolunteerView(Guid Id, string DisplayName, IReadOnlyList<string>? Skills = null, Guid? HomeBuildingId = null, string? WorkUnit = null);

public sealed record SkillView(string Code, string Name, bool Retired);

public sealed record AvailabilitySlotView(string? Day, string? From, string? To);

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


public sealed record PublicCatView(Guid Id, string Name, string? Description, string? PhotoRef, string Sex, bool Neutered, bool EarTipped, bool Vaccinated);

public sealed record PublicColonyView(Guid Id, string Name, string Place, string? CompoundName, string? BuildingNumber, string? Spot, int FeedingStations, int Adopted,
    IReadOnlyList<PublicCatView> Cats);

public sealed record CatStreetView(IReadOnlyList<PublicColonyView> Colonies);

public sealed record NeedView(Guid Id, string Kind, string? ItemKind, string Title, int Quantity, int Received, int Pledged, DateTimeOffset? NeededBy, bool Open, DateTimeOffset CreatedAt);

public sealed record PledgeView(Guid Id, Guid NeedId, string NeedTitle, Guid OrganisationId, string OrganisationName, string What, int Quantity, DateOnly? DeliverBy,
    string Status, DateTimeOffset OfferedAt, DateTimeOffset? DecidedAt, string? DeclineReason, DateTimeOffset? DeliveredAt, DateTimeOffset? FulfilledAt);

public sealed record EquipmentItemView(Guid Id, string Kind, string Label, string Condition, string State, string? DonatedBy, DateTimeOffset AddedAt);

public sealed record LoanView(Guid Id, Guid ItemId, string ItemLabel, Guid ResidentId, string ResidentName, DateTimeOffset LentAt, DateOnly DueOn, DateTimeOffset? ReturnedAt, bool Overdue);

public sealed record EquipmentWaitView(Guid Id, string Kind, Guid ResidentId, string ResidentName, int? Position, string Status, Guid? OfferedItemId, DateTimeOffset JoinedAt,
    DateTimeOffset? HeldUntil);

/// <summary>An erasure request as the provider answers it: the person keeps its id to ask the station about it.</summary>
public sealed record ErasureView(Guid Id, DateTimeOffset RequestedAt);

public sealed record CategoryStatusView(string Category, string Status, int Count);

public sealed record ReportRequestsView(
    int Total, IReadOnlyList<CategoryStatusView> ByCategoryAndStatus, double? MedianHoursToResolve, double ResolvedWithinSlaShare,
    double ClosedUnresolvedShare, int FollowUps, double? SatisfactionRate, int Escalated, int Escalations);

public sealed record ReportVisitsView(int VisitsInPeriod, int Households, int Covered, double CoveredShare, int Overdue);

public sealed record ReportView(Guid? GridId, DateOnly From, DateOnly To, ReportRequestsView Requests, ReportVisitsView Visits);

public sealed record SuggestionFitView(bool? HasSkill, bool Available, string Nearness, bool IsMinor);

public sealed record SuggestionView(Guid VolunteerId, string DisplayName, string Kind, int Score, SuggestionFitView Fit);

public sealed record TeamSummaryView(Guid Id, string Name, string? Description, int Members);

public sealed record GridCoverageView(Guid? GridId, int Households, int Covered, double CoveredShare);

public sealed record NeighbourhoodCoverageView(int Households, int Covered, double CoveredShare, IReadOnlyList<GridCoverageView> Grids);
