using Community.Services.Activities.Finding;

namespace Community.Unit.Tests.Activities;

public sealed class WalkingDistanceTests
{
    private const double StationLatitude = 30.2741;
    private const double StationLongitude = 120.1551;

    [Fact]
    public void A_hundredth_of_a_degree_north_is_about_1112_metres()
    {
        var meters = WalkingDistance.Meters(StationLatitude, StationLongitude, StationLatitude + 0.01, StationLongitude);

        Assert.InRange(meters, 1111.4, 1112.4);
    }

    [Fact]
    public void East_west_degrees_shrink_away_from_the_equator()
    {
        var atEquator = WalkingDistance.Meters(0, StationLongitude, 0, StationLongitude + 0.01);
        var here = WalkingDistance.Meters(StationLatitude, StationLongitude, StationLatitude, StationLongitude + 0.01);

        Assert.InRange(here / atEquator, Math.Cos(StationLatitude * Math.PI / 180) - 0.001, Math.Cos(StationLatitude * Math.PI / 180) + 0.001);
    }

    [Fact]
    public void Distance_is_zero_to_the_same_point_and_the_same_both_ways()
    {
        Assert.Equal(0, WalkingDistance.Meters(StationLatitude, StationLongitude, StationLatitude, StationLongitude));
        Assert.Equal(
            WalkingDistance.Meters(StationLatitude, StationLongitude, 30.28, 120.16),
            WalkingDistance.Meters(30.28, 120.16, StationLatitude, StationLongitude), 6);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(1000, 15)] // the 15-minute community circle
    public void Walking_minutes_round_up_at_seventy_metres_a_minute(double meters, int minutes)
    {
        Assert.Equal(minutes, WalkingDistance.Minutes(meters));
    }
}
