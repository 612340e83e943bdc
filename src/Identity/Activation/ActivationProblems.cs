using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Identity.Activation;

public static class ActivationProblems
{
    public const string InvalidCodeType = ProblemTypes.Base + "activation-code-invalid";
    public const string DisabledType = ProblemTypes.Base + "account-disabled";

    /// <summary>One answer for a wrong, used or expired code, or an unknown number: nothing to learn by guessing.</summary>
    public static ProblemDetails InvalidCode() => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Type = InvalidCodeType,
        Title = "The code does not work.",
        Detail = "The phone number and code do not match a code in force (each code works once, for 7 days). Ask the service station for a new card.",
    };

    public static ProblemDetails Disabled() => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Type = DisabledType,
        Title = "The account is disabled.",
        Detail = "Ask the service station about this account.",
    };
}
