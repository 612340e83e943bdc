using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Opportunities;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Volunteers;

public sealed class NewShiftRulesTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 14, 2, 0, 0, TimeSpan.Zero));

    private NewShift Tomorrow(double hours = 2, int? min = 1, int? max = 5) =>
        new(_clock.GetUtcNow().AddDays(1), _clock.GetUtcNow().AddDays(1).AddHours(hours), "彭越浦河岸", null, min, max);

    private IDictionary<string, string[]> Check(params NewShift[] shifts) =>
        new FieldErrors().CheckNewShifts(shifts, _clock.GetUtcNow()).ToDictionary();

    [Fact]
    public void A_future_shift_of_a_day_or_less_with_sane_bounds_passes()
    {
        Assert.Empty(Check(Tomorrow()));
        Assert.Empty(Check(Tomorrow(hours: 24)));
    }

    [Fact]
    public void An_opportunity_has_between_one_and_fifty_shifts()
    {
        Assert.Equal(["shifts"], Check().Keys);
        Assert.Equal(["shifts"], Check(Enumerable.Repeat(Tomorrow(), NewShiftRules.MaxShifts + 1).ToArray()).Keys);
        Assert.Empty(Check(Enumerable.Repeat(Tomorrow(), NewShiftRules.MaxShifts).ToArray()));
    }

    [Fact]
    public void A_shift_starts_in_the_future_and_ends_after_it_starts_within_a_day()
    {
        var now = _clock.GetUtcNow();

        Assert.Equal(["shifts[0].startsAt"], Check(new NewShift(now, now.AddHours(1), null, null, 0, 1)).Keys);
        Assert.Equal(["shifts[0].endsAt"], Check(Tomorrow(hours: 24.5)).Keys);
        Assert.Equal(["shifts[0].endsAt"], Check(Tomorrow(hours: -1)).Keys);
    }

    [Fact]
    public void The_minimum_is_at_most_the_maximum_and_the_maximum_at_most_five_hundred()
    {
        Assert.Equal(["shifts[0].minVolunteers"], Check(Tomorrow(min: 6, max: 5)).Keys);
        Assert.Equal(["shifts[0].maxVolunteers"], Check(Tomorrow(min: 0, max: 501)).Keys);
        Assert.Equal(["shifts[0].maxVolunteers"], Check(Tomorrow(min: 0, max: null)).Keys);
    }
}
