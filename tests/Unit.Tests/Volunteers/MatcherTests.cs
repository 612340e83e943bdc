using Community.Services.Volunteers.Matching;

namespace Community.Unit.Tests.Volunteers;

public sealed class MatcherTests
{
    private static readonly DateOnly Today = new(2026, 3, 7);

    private static Matcher.Candidate Candidate(bool hasSkill = false, bool available = false, int nearness = 0, DateOnly? born = null) =>
        new(Guid.NewGuid(), "王阿姨", "resident-volunteer", born, hasSkill, available, nearness);

    [Fact]
    public void A_shift_is_matched_against_its_local_weekday_and_times()
    {
        // 01:00–04:00 UTC on Saturday 7 March is 09:00–12:00 in Shanghai.
        var (from, start, end) = Matcher.Window(new DateTimeOffset(2026, 3, 7, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 7, 4, 0, 0, TimeSpan.Zero));

        Assert.Equal(DayOfWeek.Saturday, from.DayOfWeek);
        Assert.Equal(new TimeOnly(9, 0), start);
        Assert.Equal(new TimeOnly(12, 0), end);
    }

    [Fact]
    public void A_shift_running_past_midnight_needs_a_slot_to_the_end_of_the_day()
    {
        var (_, start, end) = Matcher.Window(new DateTimeOffset(2026, 3, 7, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 7, 17, 0, 0, TimeSpan.Zero));

        Assert.Equal(new TimeOnly(22, 0), start);
        Assert.Equal(TimeOnly.MaxValue, end);
        Assert.Contains("usually free on Saturday 22:00–24:00", Matcher.Explain(Candidate(available: true), null, new DateTime(2026, 3, 7, 22, 0, 0), start, end, Today));
    }

    [Theory]
    [InlineData(false, false, 0, 0)]
    [InlineData(true, false, 0, 4)]
    [InlineData(false, true, 0, 2)]
    [InlineData(false, false, 1, 1)]
    [InlineData(true, true, 2, 8)]
    public void Skill_counts_four_availability_two_and_nearness_two_or_one(bool hasSkill, bool available, int nearness, int score) =>
        Assert.Equal(score, Matcher.Score(Candidate(hasSkill, available, nearness)));

    [Fact]
    public void The_reasons_say_what_speaks_for_and_against_a_volunteer()
    {
        var reasons = Matcher.Explain(Candidate(nearness: 2), "first-aid", new DateTime(2026, 3, 7, 9, 0, 0), new TimeOnly(9, 0), new TimeOnly(12, 0), Today);

        Assert.Equal(
            ["does not list the skill 'first-aid'", "has not said they are free on Saturday 09:00–12:00", "lives in the same building", "has no other shift at that time"],
            reasons);
    }

    [Fact]
    public void A_child_is_flagged_as_needing_an_adult_on_the_shift()
    {
        var child = Matcher.Explain(Candidate(born: Today.AddYears(-10)), null, new DateTime(2026, 3, 7, 9, 0, 0), new TimeOnly(9, 0), new TimeOnly(12, 0), Today);
        var adult = Matcher.Explain(Candidate(born: Today.AddYears(-30)), null, new DateTime(2026, 3, 7, 9, 0, 0), new TimeOnly(9, 0), new TimeOnly(12, 0), Today);

        Assert.Contains(child, r => r.Contains("needs an adult supervisor"));
        Assert.DoesNotContain(adult, r => r.Contains("needs an adult supervisor"));
    }

    [Fact]
    public void The_fit_states_the_same_facts_as_the_reasons_for_a_client_to_word()
    {
        var child = Matcher.FitOf(Candidate(available: true, nearness: 1, born: Today.AddYears(-10)), "first-aid", Today);
        var noSkillAsked = Matcher.FitOf(Candidate(hasSkill: true, nearness: 0, born: Today.AddYears(-30)), null, Today);

        Assert.Equal(new SuggestionFit(false, true, "same-grid", true), child);
        Assert.Equal(new SuggestionFit(null, false, "elsewhere", false), noSkillAsked);
    }
}
