using Community.Services.Grid.Requests;
using Microsoft.Extensions.Time.Testing;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class SlaTests
{
    [Theory]
    [InlineData("repair", 72)]
    [InlineData("neighbour-dispute", 168)]
    [InlineData("environment-garbage", 48)]
    [InlineData("stray-animals", 72)]
    [InlineData("elderly-care", 24)]
    [InlineData("equipment-need", 72)]
    [InlineData("suggestion", 336)]
    [InlineData("other", 120)]
    public void A_normal_request_is_due_after_its_categorys_hours(string category, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), new SlaOptions().DueAfter(category, RequestPriorities.Normal));

    [Theory]
    [InlineData("suggestion")]
    [InlineData("elderly-care")]
    public void An_urgent_request_of_any_category_is_due_after_the_urgent_hours(string category) =>
        Assert.Equal(TimeSpan.FromHours(24), new SlaOptions { UrgentHours = 24 }.DueAfter(category, RequestPriorities.Urgent));

    [Fact]
    public void Configured_hours_replace_the_defaults()
    {
        var sla = new SlaOptions { UrgentHours = 4, NormalHours = new() { ["repair"] = 10, ["other"] = 50 } };
        Assert.Equal((TimeSpan.FromHours(10), TimeSpan.FromHours(4)), (sla.DueAfter("repair", RequestPriorities.Normal), sla.DueAfter("repair", RequestPriorities.Urgent)));
    }

    [Fact]
    public void A_category_without_its_own_hours_takes_others_and_without_other_five_days()
    {
        Assert.Equal(TimeSpan.FromHours(50), new SlaOptions { NormalHours = new() { ["other"] = 50 } }.DueAfter("stray-animals", RequestPriorities.Normal));
        Assert.Equal(TimeSpan.FromHours(120), new SlaOptions { NormalHours = [] }.DueAfter("stray-animals", RequestPriorities.Normal));
    }

    [Fact]
    public void Intake_starts_the_clock_on_the_time_it_was_taken_in()
    {
        var clock = new FakeTimeProvider(Noon);
        clock.Advance(TimeSpan.FromMinutes(90));
        var urgent = Reported(Details("elderly-care", RequestPriorities.Urgent), at: clock.GetUtcNow());
        var suggestion = Reported(Details("suggestion"), at: clock.GetUtcNow());

        Assert.Equal(clock.GetUtcNow().AddHours(24), urgent.DueAt);
        Assert.Equal(clock.GetUtcNow().AddDays(14), suggestion.DueAt);
        Assert.Equal(suggestion.DueAt, suggestion.NextEscalationAt);
    }
}
