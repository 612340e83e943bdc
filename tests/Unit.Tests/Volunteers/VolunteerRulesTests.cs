using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class VolunteerRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 14);

    [Theory]
    [InlineData("2016-05-01", true)]
    [InlineData("2012-11-15", true)]
    [InlineData("2012-11-14", false)]
    [InlineData("1960-01-01", false)]
    public void A_volunteer_is_a_child_until_their_fourteenth_birthday(string born, bool minor) =>
        Assert.Equal(minor, VolunteerRules.IsMinor(DateOnly.Parse(born), Today));

    [Theory]
    [InlineData("2008-11-15", false)]
    [InlineData("2008-11-14", true)]
    public void A_volunteer_may_supervise_from_their_eighteenth_birthday(string born, bool adult) =>
        Assert.Equal(adult, VolunteerRules.IsAdult(DateOnly.Parse(born), Today));

    [Fact]
    public void A_teenager_between_fourteen_and_eighteen_is_neither_a_child_nor_an_adult()
    {
        var born = new DateOnly(2010, 6, 1);

        Assert.False(VolunteerRules.IsMinor(born, Today));
        Assert.False(VolunteerRules.IsAdult(born, Today));
    }

    [Fact]
    public void Without_a_birth_date_a_volunteer_counts_as_an_adult()
    {
        Assert.False(VolunteerRules.IsMinor(null, Today));
        Assert.True(VolunteerRules.IsAdult(null, Today));
    }

    [Fact]
    public void A_leap_day_child_turns_fourteen_on_the_28th_of_February()
    {
        var born = new DateOnly(2012, 2, 29);

        Assert.True(VolunteerRules.IsMinor(born, new DateOnly(2026, 2, 27)));
        Assert.False(VolunteerRules.IsMinor(born, new DateOnly(2026, 2, 28)));
    }

    [Theory]
    [InlineData(VolunteerKind.InServicePartyMember, null, true)]
    [InlineData(VolunteerKind.InServicePartyMember, "  ", true)]
    [InlineData(VolunteerKind.InServicePartyMember, "区税务局", false)]
    [InlineData(VolunteerKind.PartyMember, null, false)]
    public void Only_in_service_Party_members_must_name_their_work_unit(VolunteerKind kind, string? workUnit, bool lacks) =>
        Assert.Equal(lacks, VolunteerRules.LacksWorkUnit(kind, workUnit));

    [Fact]
    public void A_guardian_is_an_adult_not_registered_through_a_guardian()
    {
        var now = new DateTimeOffset(2026, 11, 14, 2, 0, 0, TimeSpan.Zero);
        var adult = Volunteer.Register("王阿姨", "13900000000", VolunteerKind.FullTimeMother, null, [], null, now, new DateOnly(1985, 3, 1));
        var teenager = Volunteer.Register("小李", "13900000001", VolunteerKind.LeagueMember, null, [], null, now, new DateOnly(2010, 3, 1));
        var child = Volunteer.Register("小明", null, VolunteerKind.YoungPioneer, null, [], null, now, new DateOnly(2016, 3, 1), adult.Id);

        Assert.True(adult.MayBeGuardianOn(Today));
        Assert.False(teenager.MayBeGuardianOn(Today));
        Assert.False(child.MayBeGuardianOn(Today));
    }

    [Fact]
    public void Every_kind_has_a_code_that_reads_back_as_the_same_kind()
    {
        foreach (var kind in Enum.GetValues<VolunteerKind>())
        {
            Assert.True(VolunteerKinds.TryParse(kind.ToCode(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(Enum.GetValues<VolunteerKind>().Length, VolunteerKinds.Codes.Count);
        Assert.False(VolunteerKinds.TryParse("PartyMember", out _));
    }
}
