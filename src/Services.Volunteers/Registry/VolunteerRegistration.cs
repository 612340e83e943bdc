using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;

namespace Community.Services.Volunteers.Registry;

/// <summary>The checks on a registration that need only the request and the date (the skill list and the guardian are read after).</summary>
public static class VolunteerRegistration
{
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public static FieldErrors Check(RegisterVolunteerRequest request, DateOnly today, out VolunteerKind kind)
    {
        var errors = new FieldErrors()
            .Require("displayName", request.DisplayName, VolunteerRules.MaxNameLength)
            .Optional("workUnit", request.WorkUnit, VolunteerRules.MaxWorkUnitLength)
            .Optional("consentScope", request.ConsentScope, 500);
        if (request.BirthDate > today || request.BirthDate < EarliestBirthDate)
        {
            errors.Add("birthDate", "must be a real date in the past.");
        }

        // A child is reached through their guardian, so only adults give a phone number.
        if (!VolunteerRules.IsMinor(request.BirthDate, today) && !PhoneNumbers.IsValidMobile(request.Phone))
        {
            errors.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        if (!VolunteerKinds.TryParse(request.Kind, out kind))
        {
            errors.Add("kind", $"must be one of: {string.Join(", ", VolunteerKinds.Codes)}.");
        }
        else if (request.BirthDate is null && (VolunteerRules.AdmitsChildren(kind) || request.GuardianId is not null))
        {
            errors.Add("birthDate", request.GuardianId is not null
                ? "is required when a guardian registers someone."
                : $"is required for a {request.Kind}: a child could be one, and a child needs a guardian's consent.");
        }
        else if (VolunteerRules.LacksWorkUnit(kind, request.WorkUnit))
        {
            errors.Add("workUnit", "is required for in-service Party members.");
        }

        return errors;
    }
}
