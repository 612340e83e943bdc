using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Hours;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Volunteers;

public sealed class ReportingPeriodTests
{
    [Fact]
    public void Without_dates_the_period_is_this_year_so_far_in_Shanghai()
    {
        // 20:00 UTC on 31 December is already New Year's Day in Shanghai.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero));

        var (first, last) = ReportingPeriod.Resolve(null, null, Neighbourhood.Today(clock.GetUtcNow()));

        Assert.Equal(new DateOnly(2027, 1, 1), first);
        Assert.Equal(new DateOnly(2027, 1, 1), last);
    }

    [Fact]
    public void A_period_runs_from_local_midnight_of_its_first_day_to_local_midnight_after_its_last()
    {
        var (start, end) = ReportingPeriod.Bounds(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void The_end_is_not_before_the_start()
    {
        var errors = new FieldErrors().CheckPeriod(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)).ToDictionary();

        Assert.Equal(["must not be before 'from'."], errors["to"]);
        Assert.False(new FieldErrors().CheckPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1)).Any);
    }

    [Fact]
    public void Totals_cover_at_most_ten_years_certificates_any_period()
    {
        var first = new DateOnly(2010, 1, 1);
        var last = first.AddDays(ReportingPeriod.MaxDays + 1);

        Assert.True(new FieldErrors().CheckPeriod(first, last, tenYearsAtMost: true).Any);
        Assert.False(new FieldErrors().CheckPeriod(first, last.AddDays(-1), tenYearsAtMost: true).Any);
        Assert.False(new FieldErrors().CheckPeriod(first, last).Any);
    }
}
