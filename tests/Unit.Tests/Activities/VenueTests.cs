using Community.Services.Activities.Venues;

namespace Community.Unit.Tests.Activities;

public sealed class VenueTests
{
    // 2026-03-03 is a Tuesday, 2026-03-04 a Wednesday, 2026-03-07 a Saturday.
    private static readonly DateOnly NationalHoliday = new(2026, 3, 10);

    private static Venue Hall(params OpeningHours[] hours) =>
        Venue.Create("二楼活动室", 40, null, null, null, stepFree: true, hearingLoop: false, hours, [NationalHoliday], DateTimeOffset.UnixEpoch);

    private static Venue Weekly() => Hall(
        OpeningHours.Of(DayOfWeek.Tuesday, new TimeOnly(8, 0), new TimeOnly(20, 0)),
        OpeningHours.Of(DayOfWeek.Saturday, new TimeOnly(9, 0), TimeOnly.MinValue));

    private static DateTime At(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0);

    [Theory]
    [InlineData(3, 9, 30, 60)] // inside Tuesday's hours
    [InlineData(3, 8, 0, 12 * 60)] // exactly from opening to closing
    [InlineData(7, 22, 0, 120)] // Saturday open until midnight: ending at 00:00 fits
    public void A_session_within_the_opening_hours_fits(int day, int hour, int minute, int durationMinutes)
    {
        var start = At(day, hour, minute);

        Assert.Null(Weekly().WhyClosed(start, start.AddMinutes(durationMinutes)));
    }

    [Theory]
    [InlineData(3, 7, 30, 60)] // starts before opening
    [InlineData(3, 19, 30, 60)] // ends after closing
    [InlineData(4, 10, 0, 60)] // no hours on Wednesdays
    [InlineData(7, 23, 0, 90)] // runs past midnight
    public void A_session_outside_the_opening_hours_is_refused_with_the_venue_named(int day, int hour, int minute, int durationMinutes)
    {
        var start = At(day, hour, minute);

        var refusal = Weekly().WhyClosed(start, start.AddMinutes(durationMinutes));

        Assert.NotNull(refusal);
        Assert.StartsWith("二楼活动室 is not open ", refusal);
    }

    [Fact]
    public void A_closed_date_refuses_even_a_venue_that_is_otherwise_always_open()
    {
        var alwaysOpen = Hall();

        Assert.Null(alwaysOpen.WhyClosed(At(3, 3, 0), At(3, 4, 0)));
        Assert.Equal("二楼活动室 is closed on 2026-03-10.", alwaysOpen.WhyClosed(At(10, 9, 30), At(10, 10, 30)));
        Assert.Equal("二楼活动室 is closed on 2026-03-10.", Weekly().WhyClosed(At(10, 9, 30), At(10, 10, 30)));
    }

    [Fact]
    public void Closing_a_date_twice_keeps_it_once_and_the_dates_stay_in_order()
    {
        var venue = Hall();

        venue.CloseOn(new DateOnly(2026, 3, 1));
        venue.CloseOn(NationalHoliday);
        venue.CloseOn(new DateOnly(2026, 5, 1));

        Assert.Equal([new DateOnly(2026, 3, 1), NationalHoliday, new DateOnly(2026, 5, 1)], venue.ClosedDates);
    }

    [Fact]
    public void Closing_at_midnight_means_open_until_the_end_of_the_day()
    {
        Assert.Equal(TimeOnly.MaxValue, OpeningHours.Of(DayOfWeek.Friday, new TimeOnly(18, 0), TimeOnly.MinValue).Closes);
        Assert.Equal(new TimeOnly(21, 0), OpeningHours.Of(DayOfWeek.Friday, new TimeOnly(18, 0), new TimeOnly(21, 0)).Closes);
    }

    [Theory]
    [InlineData(8, 20, true)]
    [InlineData(8, 0, true)] // 00:00: midnight
    [InlineData(20, 8, false)]
    [InlineData(8, 8, false)]
    public void Opening_hours_close_after_they_open(int opens, int closes, bool expected)
    {
        Assert.Equal(expected, OpeningHours.ClosesAfterOpening(new TimeOnly(opens, 0), new TimeOnly(closes, 0)));
    }
}
