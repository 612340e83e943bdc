using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Grids;
using Community.Services.Grid.Places;
using Microsoft.Extensions.Time.Testing;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class PeopleRulesTests
{
    [Theory]
    [InlineData(2012, 2025, true)]
    [InlineData(2012, 2026, false)]
    [InlineData(2020, 2026, true)]
    public void A_child_is_under_fourteen_by_birth_year(int born, int year, bool child) => Assert.Equal(child, ResidentRules.IsChild(born, year));

    [Theory]
    [InlineData(2008, 2026, true)]
    [InlineData(2009, 2026, false)]
    public void A_guardian_is_eighteen_or_older_by_birth_year(int born, int year, bool adult) => Assert.Equal(adult, ResidentRules.IsAdult(born, year));

    [Fact]
    public void The_year_turns_at_midnight_in_Shanghai_not_in_UTC()
    {
        // 15:00 UTC on New Year's Eve is 23:00 in Shanghai; two hours later it is 1 January there (not yet in UTC),
        // and a child born in 2013 is fourteen by birth year.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 15, 0, 0, TimeSpan.Zero));
        Assert.True(ResidentRules.IsChild(2013, Neighbourhood.Today(clock.GetUtcNow()).Year));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.False(ResidentRules.IsChild(2013, Neighbourhood.Today(clock.GetUtcNow()).Year));
    }

    [Fact]
    public void A_resident_speaks_for_themselves_and_their_ward_not_for_a_neighbour()
    {
        var mother = Guid.NewGuid();
        var child = new Resident { Id = Guid.NewGuid(), GuardianId = mother, BirthYear = 2018 };
        var neighbour = new Resident { Id = Guid.NewGuid(), BirthYear = 1960 };

        Assert.True(Linked(mother).SpeaksFor(child));
        Assert.True(Linked(child.Id).SpeaksFor(child));
        Assert.False(Linked(mother).SpeaksFor(neighbour));
        // An account linked to no resident record speaks for nobody, whatever its id.
        Assert.False(new CallerLinks(child.Id, [], null).SpeaksFor(child));
    }

    /// <summary>An account linked by staff to the resident record <paramref name="resident"/>.</summary>
    private static CallerLinks Linked(Guid resident) => new(Guid.NewGuid(), [], resident);

    [Fact]
    public void A_resident_sees_the_household_they_live_in_only()
    {
        var household = new[] { new Resident { Id = Guid.NewGuid() }, new Resident { Id = Guid.NewGuid() } };
        Assert.True(Linked(household[1].Id).LivesIn(household));
        Assert.False(Linked(Guid.NewGuid()).LivesIn(household));
        Assert.False(new CallerLinks(household[0].Id, [], null).LivesIn(household));
    }

    [Theory]
    [InlineData(6, 31.2, 121.5, null)]
    [InlineData(0, null, null, "floors")]
    [InlineData(101, null, null, "floors")]
    [InlineData(6, 31.2, null, "longitude")]
    [InlineData(6, null, 121.5, "latitude")]
    [InlineData(6, 91.0, 121.5, "latitude")]
    public void A_building_has_one_to_a_hundred_floors_and_both_coordinates_or_neither(int floors, double? latitude, double? longitude, string? refused)
    {
        var errors = PlaceRules.CheckBuilding(new RegisterBuildingRequest(Guid.NewGuid(), "12A", floors, latitude, longitude)).ToDictionary();
        Assert.Equal(refused is null ? [] : [refused], errors.Keys);
    }

    [Fact]
    public void A_building_needs_its_compound_and_number()
    {
        var errors = PlaceRules.CheckBuilding(new RegisterBuildingRequest(Guid.Empty, " ", null, null, null)).ToDictionary();
        Assert.Equal(["compoundId", "floors", "number"], errors.Keys.Order());
    }
}
