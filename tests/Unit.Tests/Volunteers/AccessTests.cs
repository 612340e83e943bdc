using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Registry;
using Community.Services.Volunteers.Teams;

namespace Community.Unit.Tests.Volunteers;

public sealed class AccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 14, 2, 0, 0, TimeSpan.Zero);
    private static readonly Volunteer Guardian = Volunteer.Register("王阿姨", "13900000000", VolunteerKind.FullTimeMother, null, [], null, Now);
    private static readonly Volunteer Child = Volunteer.Register("小明", null, VolunteerKind.YoungPioneer, null, [], null, Now, new DateOnly(2016, 3, 1), Guardian.Id);

    [Theory]
    [InlineData(Roles.StationStaff)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.GridWorker)]
    public void Staff_and_grid_workers_may_act_on_any_volunteer(string role) =>
        Assert.True(VolunteerAccess.Allows(Callers.As(role), Child));

    [Fact]
    public void A_volunteer_may_act_on_their_own_record_and_a_guardian_on_their_childs()
    {
        Assert.True(VolunteerAccess.Allows(Callers.As(Roles.Volunteer, Guardian.Id), Guardian));
        Assert.True(VolunteerAccess.Allows(Callers.As(Roles.Volunteer, Guardian.Id), Child));
        Assert.True(VolunteerAccess.Allows(Callers.As(Roles.Volunteer, Child.Id), Child));
    }

    [Theory]
    [InlineData(Roles.Volunteer)]
    [InlineData(Roles.Resident)]
    [InlineData(Roles.Partner)]
    public void Anyone_else_may_not(string role)
    {
        Assert.False(VolunteerAccess.Allows(Callers.As(role), Guardian));
        Assert.False(VolunteerAccess.Allows(Callers.As(role), Child));
        // A child does not act on their guardian's record.
        Assert.False(VolunteerAccess.Allows(Callers.As(role, Child.Id), Guardian));
    }

    [Fact]
    public void Consents_are_managed_by_the_guardian_or_staff_and_recorded_also_by_grid_workers()
    {
        Assert.True(ConsentAccess.MayManage(Callers.As(Roles.Volunteer, Guardian.Id), Guardian.Id));
        Assert.True(ConsentAccess.MayManage(Callers.As(Roles.StationStaff), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Callers.As(Roles.GridWorker), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Callers.As(Roles.Volunteer, Child.Id), Guardian.Id));
        Assert.False(ConsentAccess.MayManage(Callers.As(Roles.Volunteer), null));

        Assert.True(ConsentAccess.MayRecord(Callers.As(Roles.GridWorker), Guardian.Id));
        Assert.True(ConsentAccess.MayRecord(Callers.As(Roles.Volunteer, Guardian.Id), Guardian.Id));
        Assert.False(ConsentAccess.MayRecord(Callers.As(Roles.Volunteer), Guardian.Id));
    }

    [Fact]
    public void A_teams_members_and_their_guardians_see_it_other_volunteers_do_not()
    {
        Volunteer[] members = [Child];

        Assert.True(TeamAccess.MayRead(Callers.As(Roles.Volunteer, Child.Id), members));
        Assert.True(TeamAccess.MayRead(Callers.As(Roles.Volunteer, Guardian.Id), members));
        Assert.True(TeamAccess.MayRead(Callers.As(Roles.GridWorker), []));
        Assert.False(TeamAccess.MayRead(Callers.As(Roles.Volunteer), members));
    }
}
