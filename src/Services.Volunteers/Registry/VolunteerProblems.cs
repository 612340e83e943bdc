using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Volunteers.Registry;

/// <summary>The problems the registry's rules answer with, shared by every feature that refuses on them.</summary>
public static class VolunteerProblems
{
    public static ProblemDetails NoSuchVolunteer(Guid? id) => Problems.NotFound("No such volunteer.", $"There is no volunteer {id}.");

    public const string ConsentMissing = ProblemTypes.Base + "consent-missing";
    public const string RatioBroken = ProblemTypes.Base + "supervision-ratio";
    public const string NotASupervisorType = ProblemTypes.Base + "not-a-supervisor";
    public const string AccountLinkedElsewhereType = ProblemTypes.Base + "account-linked-elsewhere";

    public static ProblemDetails AccountLinkedElsewhere() => Problems.Conflict("The account has a volunteer record.",
        "This account is already linked to another volunteer record; one person has one record.", AccountLinkedElsewhereType);
}
