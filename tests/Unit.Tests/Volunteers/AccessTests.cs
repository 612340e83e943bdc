using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;

namespace Community.Unit.Tests.Volunteers;

public sealed class AccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 14, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Building = Guid.NewGuid();
    private static readonly Volunteer Guardian = Volunteer.Register("王阿姨", "13900000000", VolunteerKind.FullTimeMother, null, [], Building, Now);
    private static readonly Volunteer Child = Volunteer.Register("小明", null, VolunteerKind.YoungPioneer, null, [], Building, Now, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-10), Guardian.Id);

    /// <summary>A caller whose account is linked to <paramref name="volunteer"/> (if any), working <paramref name="buildings"/>.</summary>
    private static VolunteerCaller Who(string role, Guid? volunteer = null, params Guid[] buildings) =>
        new(Callers.As(role), volunteer, buildings.ToHashSet());

    [Theory]
    [InlineData(Roles.StationStaff)]
    [InlineData(Roles.Admin)]
    public void Staff_may_act_on_any_volunteer(string role) =>
        Assert.True(VolunteerAccess.Allows(Who(role), Child));

    [Fact]
    public void A_grid_worker_acts_for_the_volunteers_living_in_their_grid_only()
    {
        Assert.True(VolunteerAccess.Allows(Who(Roles.GridWorker, Guid.NewGuid(), Building), Child));
        Assert.False(VolunteerAccess.Allows(Who(Roles.GridWorker, Guid.NewGuid(), Guid.NewGuid()), Child));
        Assert.False(VolunteerAccess.Allows(Who(Roles.GridWorker), Guardian));
        // Working the buildings without the grid-worker role is not enough.
        Assert.False(VolunteerAccess.Allows(Who(Roles.Volunteer, Guid.NewGuid(), Building), Guardian));
    }

    [Fact]
    public void A_volunteer_may_act_on_their_own_record_and_a_guardian_on_their_childs()
    {
        Assert.True(VolunteerAccess.Allows(Who(Roles.Volunteer, Guardian.Id), Guardian));
        Assert.True(VolunteerAccess.Allows(Who(Roles.Volunteer, Guardian.Id), Child));
        Assert.True(VolunteerAccess.Allows(Who(Roles.Volunteer, Child.Id), Child));
    }

    [Fact]
    public void A_guardian_no_longer_acts_for_a_ward_who_has_come_of_age()
    {
        // Registered as a child by the guardian long ago: eighteen or more today.
        var grown = Volunteer.Register("小华", null, VolunteerKind.YoungPioneer, null, [], Building, Now, DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-18), Guardian.Id);

        Assert.False(VolunteerAccess.Allows(Who(Roles.Volunteer, Guardian.Id), grown));
        Assert.True(VolunteerAccess.Allows(Who(Roles.Volunteer, grown.Id), grown));
    }

    [Fact]
    public void The_token_subject_is_an_account_never_a_volunteer_id()
    {
        // A token naming the volunteer's id as its subject is not the volunteer: only the linked record counts.
        Assert.False(VolunteerAccess.Allows(new VolunteerCaller(Callers.As(Roles.Volunteer, Guardian.Id), null, new HashSet<Guid>()), Guardian));
    }

    [Theory]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Resident)]
    [InlineData(Roles.Partner)]
    public void Anyone_else_may_not(string role)
    {
        Assert.False(VolunteerAccess.Allows(Who(role), Guardian));
        Assert.False(VolunteerAccess.Allows(Who(role), Child));
        // A child does not act on their guardian's record.
        Assert.False(VolunteerAccess.Allows(Who(role, Child.Id), Guardian));
    }

    [Fact]
    public void Consents_are_managed_by_the_guardian_or_staff_and_recorded_also_by_the_guardians_grid_workers()
    {
        Assert.True(ConsentAccess.MayManage(Who(Roles.Volunteer, Guardian.Id), Guardian.Id));
        Assert.True(ConsentAccess.MayManage(Who(Roles.StationStaff), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Who(Roles.GridWorker, Guid.NewGuid(), Building), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Who(Roles.Volunteer, Child.Id), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Who(Roles.Volunteer), null));

        Assert.True(ConsentAccess.MayRecord(Who(Roles.GridWorker, Guid.NewGuid(), Building), Guardian));
        Assert.False(ConsentAccess.MayRecord(Who(Roles.GridWorker, Guid.NewGuid(), Guid.NewGuid()), Guardian));
        Assert.True(ConsentAccess.MayRecord(Who(Roles.Volunteer, Guardian.Id), Guardian));
        Assert.False(ConsentAccess.MayRecord(Who(Roles.Volunteer), Guardian));
    }

    [Fact]
    public void A_teams_members_and_their_guardians_see_it_other_volunteers_do_not()
    {
        Volunteer[] members = [Child];

        Assert.True(TeamAccess.MayRead(Who(Roles.Volunteer, Child.Id), members));
        Assert.True(TeamAccess.MayRead(Who(Roles.Volunteer, Guardian.Id), members));
        Assert.True(TeamAccess.MayRead(Who(Roles.GridWorker), []));
        Assert.False(TeamAccess.MayRead(Who(Roles.Volunteer), members));
    }
}
