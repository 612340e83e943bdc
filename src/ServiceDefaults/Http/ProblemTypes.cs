namespace Community.ServiceDefaults.Http;

/// <summary>Stable <c>type</c> URIs, one per kind of error, so clients can branch on them.</summary>
public static class ProblemTypes
{
    /// <summary>Services name their own kinds under this root.</summary>
    public const string Base = "https://community.yangcheng-guidu.example/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string Validation = Base + "validation";
    public const string Unauthenticated = Base + "unauthenticated";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string Duplicate = Base + "duplicate";

    /// <summary>Acting on someone's behalf with no consent of theirs recorded (or after it was withdrawn or ran out).</summary>
    public const string OnBehalfConsentMissing = Base + "on-behalf-consent-missing";
    public const string TooLarge = Base + "too-large";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string Unexpected = Base + "unexpected";
    public const string BadGateway = Base + "service-unavailable";
    public const string Unavailable = Base + "temporarily-unavailable";
    public const string GatewayTimeout = Base + "service-timeout";

    public static string? ForStatus(int? status) => status switch
    {
        400 => BadRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        413 => TooLarge,
        429 => TooManyRequests,
        500 => Unexpected,
        502 => BadGateway,
        503 => Unavailable,
        504 => GatewayTimeout,
        _ => null,
    };
}
