using Community.Services.Activities.Registrations;
using Community.Services.Activities.Series;

namespace Community.Unit.Tests.Activities;

public sealed class EligibilityTests
{
    private const int ThisYear = 2026;

    [Theory]
    [InlineData(Audiences.Elderly, null, "This activity is for residents aged 60 and over: give the participant's birth year.")]
    [InlineData(Audiences.Elderly, 1967, "This activity is for residents aged 60 and over; the participant is 59.")]
    [InlineData(Audiences.Youth, null, "This activity is for young people aged 14 to 35: give the participant's birth year.")]
    [InlineData(Audiences.Youth, 2013, "This activity is for young people aged 14 to 35; the participant is 13.")]
    [InlineData(Audiences.Youth, 1990, "This activity is for young people aged 14 to 35; the participant is 36.")]
    [InlineData(Audiences.ChildrenWithGuardian, null, "This activity is for children under 14: give the child's birth year.")]
    [InlineData(Audiences.ChildrenWithGuardian, 2012, "This activity is for children under 14: give the child's birth year.")]
    public void An_age_limited_activity_refuses_a_participant_without_a_birth_year_or_of_the_wrong_age(string audience, int? birthYear, string expected)
    {
        Assert.Equal(expected, Eligibility.Refusal(audience, birthYear, onBehalf: true, attributes: null, ThisYear));
    }

    [Theory]
    [InlineData(Audiences.Elderly, 1966)]
    [InlineData(Audiences.Elderly, 1940)]
    [InlineData(Audiences.Youth, 2012)]
    [InlineData(Audiences.Youth, 1991)]
    [InlineData(Audiences.ChildrenWithGuardian, 2013)]
    [InlineData(Audiences.ChildrenWithGuardian, 2026)]
    public void The_age_limits_are_inclusive_where_the_audience_says_from_and_to(string audience, int birthYear)
    {
        Assert.Null(Eligibility.Refusal(audience, birthYear, onBehalf: true, attributes: null, ThisYear));
    }

    [Fact]
    public void Age_is_counted_from_the_neighbourhoods_current_year()
    {
        Assert.NotNull(Eligibility.Refusal(Audiences.Elderly, 1966, onBehalf: false, attributes: null, thisYear: 2025));
        Assert.Null(Eligibility.Refusal(Audiences.Elderly, 1966, onBehalf: false, attributes: null, thisYear: 2026));
    }

    [Fact]
    public void A_child_is_registered_by_a_guardian_on_the_childs_behalf()
    {
        Assert.Equal("A child is registered by a guardian on the child's behalf.",
            Eligibility.Refusal(Audiences.ChildrenWithGuardian, 2018, onBehalf: false, attributes: null, ThisYear));
        Assert.Null(Eligibility.Refusal(Audiences.ChildrenWithGuardian, 2018, onBehalf: true, attributes: null, ThisYear));
    }

    [Theory]
    [InlineData(Audiences.Veterans, "", "This activity is for veterans.")]
    [InlineData(Audiences.Veterans, "party-member", "This activity is for veterans.")]
    [InlineData(Audiences.Veterans, "veteran", null)]
    [InlineData(Audiences.PartyMembers, "", "This activity is for Party members.")]
    [InlineData(Audiences.PartyMembers, "veteran", "This activity is for Party members.")]
    [InlineData(Audiences.PartyMembers, "veteran,party-member", null)]
    public void Veterans_and_Party_members_activities_need_the_declared_attribute(string audience, string attributes, string? expected)
    {
        var declared = attributes.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(expected, Eligibility.Refusal(audience, 1970, onBehalf: false, declared, ThisYear));
    }

    [Fact]
    public void Without_declared_attributes_a_veterans_activity_refuses()
    {
        Assert.Equal("This activity is for veterans.", Eligibility.Refusal(Audiences.Veterans, 1950, onBehalf: false, attributes: null, ThisYear));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(2025)]
    [InlineData(1920)]
    public void An_activity_for_everyone_admits_anyone(int? birthYear)
    {
        Assert.Null(Eligibility.Refusal(Audiences.Everyone, birthYear, onBehalf: false, attributes: null, ThisYear));
    }
}
