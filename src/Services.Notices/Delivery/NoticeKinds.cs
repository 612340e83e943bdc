namespace Community.Services.Notices.Delivery;

/// <summary>
/// What a notice can be about, and how each kind travels: urgent ones ignore quiet hours; news a resident did not
/// cause (an offer, a cancellation, a move, a reminder) also goes to the call list of someone who is told by their
/// grid team. Each kind has a title and body template in <c>NoticeTexts.resx</c>.
/// </summary>
public static class NoticeKinds
{
    public const string RegistrationConfirmed = "registration-confirmed";
    public const string RegistrationWaitlisted = "registration-waitlisted";
    public const string OfferMade = "offer-made";
    public const string OfferReminder = "offer-reminder";
    public const string OfferExpired = "offer-expired";
    public const string RegistrationCancelled = "registration-cancelled";
    public const string SessionCancelled = "session-cancelled";
    public const string SessionMoved = "session-moved";
    public const string SessionReminder = "session-reminder";
    public const string ShiftAssigned = "shift-assigned";
    public const string ShiftCancelled = "shift-cancelled";
    public const string ShiftSessionMoved = "shift-session-moved";
    public const string ShiftUnderstaffed = "shift-understaffed";
    public const string ConsentWithdrawn = "consent-withdrawn";
    public const string SupervisionShort = "supervision-short";
    public const string RequestEscalated = "request-escalated";
    public const string RequestAccepted = "request-accepted";
    public const string RequestReturned = "request-returned";
    public const string RequestResolved = "request-resolved";
    public const string RequestClosed = "request-closed";
    public const string RequestClosedUnresolved = "request-closed-unresolved";
    public const string WebhookDisabled = "webhook-disabled";
    public const string EquipmentHeld = "equipment-held";
    public const string EquipmentHoldLapsed = "equipment-hold-lapsed";

    public static readonly IReadOnlyList<string> All =
    [
        RegistrationConfirmed, RegistrationWaitlisted, OfferMade, OfferReminder, OfferExpired, RegistrationCancelled,
        SessionCancelled, SessionMoved, SessionReminder, ShiftAssigned, ShiftCancelled, ShiftSessionMoved,
        ShiftUnderstaffed, ConsentWithdrawn, SupervisionShort, RequestEscalated, RequestAccepted, RequestReturned, RequestResolved, RequestClosed, RequestClosedUnresolved,
        WebhookDisabled, EquipmentHeld, EquipmentHoldLapsed,
    ];

    private static readonly HashSet<string> UrgentKinds =
        [OfferMade, OfferReminder, SessionCancelled, SessionMoved, ShiftCancelled, ShiftSessionMoved, RequestEscalated];

    /// <summary>The reminder at half the offer time is not on the call list: the offer's own entry is still open there.</summary>
    private static readonly HashSet<string> CallListKinds = [OfferMade, OfferExpired, SessionCancelled, SessionMoved, SessionReminder, EquipmentHeld, EquipmentHoldLapsed];

    public static bool IsUrgent(string kind) => UrgentKinds.Contains(kind);

    public static bool GoesOnCallList(string kind) => CallListKinds.Contains(kind);
}
