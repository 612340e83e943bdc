using Community.Services.Grid.Requests;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class FollowUpScheduleTests
{
    [Fact]
    public void An_agreement_is_followed_up_two_and_eight_weeks_later() =>
        Assert.Equal([Noon.AddDays(14), Noon.AddDays(56)], FollowUpSchedule.DueTimes(Noon));
}
