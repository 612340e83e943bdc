namespace Community.Contracts;

/// <summary>
/// Why a registration or a shift was cancelled, as a code. Events carry the code, never the words someone typed
/// (a resident's reason may hold a phone number or a diagnosis; staff's may name people): the owning service keeps
/// the text with its record.
/// </summary>
public static class CancellationReasons
{
    /// <summary>The participant cancelled their own registration.</summary>
    public const string ByParticipant = "by-participant";

    /// <summary>Whoever registered them (a relative, a grid worker) cancelled it.</summary>
    public const string ByRegistrant = "by-registrant";

    public const string ByStaff = "by-staff";

    /// <summary>An offered place was not accepted in time.</summary>
    public const string OfferExpired = "offer-expired";

    public const string SessionCancelled = "session-cancelled";

    /// <summary>A session ended with the registration still waiting or offered.</summary>
    public const string SessionCompleted = "session-completed";

    /// <summary>The person asked for their data to be erased: what they had booked is given back.</summary>
    public const string Erasure = "erasure";

    /// <summary>Other (a reason written before codes existed, whatever it said).</summary>
    public const string Other = "other";

    /// <summary>The code of a reason from a message published before codes existed (their system reasons were fixed words).</summary>
    public static string FromLegacy(string? reason) => reason switch
    {
        "offer expired" => OfferExpired,
        "session cancelled" => SessionCancelled,
        "session completed" => SessionCompleted,
        _ => Other,
    };
}
