using Community.Services.Activities.Series;

namespace Community.Services.Activities.Registrations;

/// <summary>Whether a person may join an activity, and if not, why — in words a resident understands.</summary>
public static class Eligibility
{
    /// <summary>Why the activity's audience does not admit this participant, or null. Ages are counted in whole calendar years.</summary>
    public static string? Refusal(string audience, int? birthYear, bool onBehalf, IReadOnlyCollection<string>? attributes, int thisYear)
    {
        int? age = birthYear is { } year ? thisYear - year : null;
        attributes ??= [];
        return audience switch
        {
            Audiences.Elderly when age is null => "This activity is for residents aged 60 and over: give the participant's birth year.",
            Audiences.Elderly when age < Audiences.ElderlyFromAge => $"This activity is for residents aged 60 and over; the participant is {age}.",
            Audiences.Youth when age is null => "This activity is for young people aged 14 to 35: give the participant's birth year.",
            Audiences.Youth when age is < Audiences.YouthFromAge or > Audiences.YouthToAge => $"This activity is for young people aged 14 to 35; the participant is {age}.",
            Audiences.ChildrenWithGuardian when age is null or >= Audiences.ChildUnderAge => "This activity is for children under 14: give the child's birth year.",
            Audiences.ChildrenWithGuardian when !onBehalf => "A child is registered by a guardian on the child's behalf.",
            Audiences.Veterans when !attributes.Contains("veteran") => "This activity is for veterans.",
            Audiences.PartyMembers when !attributes.Contains("party-member") => "This activity is for Party members.",
            _ => null,
        };
    }

    /// <summary>
    /// Why one more registration from a household is refused once it holds the activity's cap of live registrations in the
    /// session (counted by the database as it books, under the session's lock: <see cref="PlaceBooking"/>).
    /// </summary>
    public static string HouseholdFull(int cap) => $"At most {cap} registrations per household for this session.";
}
