using Community.Services.Volunteers.Opportunities;

namespace Community.Unit.Tests.Volunteers;

public sealed class SupervisionRatioTests
{
    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(5, 1, true)]
    [InlineData(6, 1, false)]
    [InlineData(10, 2, true)]
    [InlineData(11, 2, false)]
    [InlineData(1, 0, false)]
    public void An_adult_supervises_at_most_five_children(int children, int adults, bool kept) =>
        Assert.Equal(kept, SupervisionRatio.IsKept(children, adults, new SupervisionOptions().ChildrenPerAdult));

    [Fact]
    public void The_ratio_follows_the_setting()
    {
        Assert.True(SupervisionRatio.IsKept(children: 3, adults: 1, childrenPerAdult: 3));
        Assert.False(SupervisionRatio.IsKept(children: 4, adults: 1, childrenPerAdult: 3));
    }
}
