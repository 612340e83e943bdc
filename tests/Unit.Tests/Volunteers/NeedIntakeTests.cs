using Community.Services.Volunteers.Opportunities;

namespace Community.Unit.Tests.Volunteers;

public sealed class NeedIntakeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_need_for_helpers_over_a_time_range_can_be_met() =>
        Assert.True(NeedIntake.IsMeetable(1, Start, Start.AddHours(2)));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(-1, 2)]
    [InlineData(3, 0)]
    [InlineData(3, -1)]
    public void A_need_for_nobody_or_for_no_time_can_never_be_met(int needed, double hours) =>
        Assert.False(NeedIntake.IsMeetable(needed, Start, Start.AddHours(hours)));
}
