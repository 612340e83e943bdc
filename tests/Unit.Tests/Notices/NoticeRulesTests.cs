using Community.ServiceDefaults;
using Community.Services.Notices.Activities;
using Community.Services.Notices.Delivery;
using Community.Services.Notices.Preferences;

namespace Community.Unit.Tests.Notices;

public sealed class NoticeRulesTests
{
    private static DateTimeOffset Local(int hour, int minute = 0) =>
        Neighbourhood.StartOf(new DateOnly(2026, 12, 3)).AddHours(hour).AddMinutes(minute);

    [Theory]
    [InlineData(21, 0)]
    [InlineData(23, 30)]
    public void A_notice_that_can_wait_written_in_the_evening_shows_at_eight_next_morning(int hour, int minute) =>
        Assert.Equal(Local(8).AddDays(1), QuietHours.VisibleFrom(Local(hour, minute), urgent: false));

    [Fact]
    public void A_notice_that_can_wait_written_before_dawn_shows_at_eight_the_same_morning() =>
        Assert.Equal(Local(8), QuietHours.VisibleFrom(Local(3, 15), urgent: false));

    [Theory]
    [InlineData(8, 0)]
    [InlineData(20, 59)]
    public void A_notice_written_in_the_day_shows_at_once(int hour, int minute) =>
        Assert.Equal(Local(hour, minute), QuietHours.VisibleFrom(Local(hour, minute), urgent: false));

    [Fact]
    public void An_urgent_notice_is_never_held() =>
        Assert.Equal(Local(23), QuietHours.VisibleFrom(Local(23), urgent: true));

    [Fact]
    public void The_offer_reminder_is_due_from_half_the_offer_time_until_the_deadline()
    {
        var made = Local(10);
        var expires = Local(14);

        Assert.False(OfferReminders.IsHalfway(made, expires, Local(11, 59)));
        Assert.True(OfferReminders.IsHalfway(made, expires, Local(12)));
        Assert.False(OfferReminders.IsHalfway(made, expires, Local(14)));
    }

    [Fact]
    public void Every_kind_of_notice_has_its_words_in_chinese()
    {
        foreach (var kind in NoticeKinds.All)
        {
            var (title, body) = NoticeTexts.Render(kind, "太极拳", "12月3日（周四）09:00", "12月2日（周三）18:00");
            Assert.False(string.IsNullOrWhiteSpace(title), kind);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body);
            Assert.DoesNotContain("{", body);
        }
    }

    [Fact]
    public void Times_read_as_the_neighbourhood_reads_them() =>
        Assert.Equal("12月3日（周四）09:30", NoticeTexts.When(Local(9, 30)));

    [Fact]
    public void Someone_without_an_account_is_told_by_their_grid_team_unless_they_chose()
    {
        Assert.Equal(Channels.CallList, Channels.Default(hasAccount: false));
        Assert.Equal(Channels.App, Channels.Default(hasAccount: true));
        Assert.True(Channels.InApp(Channels.Both) && Channels.ByCall(Channels.Both));
    }
}
