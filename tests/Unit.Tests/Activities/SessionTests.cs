using Community.Services.Activities.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Activities;

public sealed class SessionTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 3, 1, 30, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(StartsAt.AddDays(-1));

    private static Session Class() => Session.Schedule(Guid.NewGuid(), Guid.NewGuid(), StartsAt, TimeSpan.FromMinutes(90), 20);

    [Fact]
    public void A_session_ends_its_duration_after_it_starts()
    {
        var session = Class();

        Assert.Equal(StartsAt.AddMinutes(90), session.EndsAt);
        Assert.Equal(SessionStatus.Scheduled, session.Status);
        Assert.Equal(0, session.PlacesTaken);
    }

    [Fact]
    public void Registration_is_open_until_the_start()
    {
        var session = Class();

        Assert.True(session.IsOpenForRegistration(_clock.GetUtcNow()));
        _clock.SetUtcNow(StartsAt.AddTicks(-1));
        Assert.True(session.IsOpenForRegistration(_clock.GetUtcNow()));
        _clock.SetUtcNow(StartsAt);
        Assert.False(session.IsOpenForRegistration(_clock.GetUtcNow()));
    }

    [Fact]
    public void A_cancelled_session_takes_no_registrations_and_no_check_ins()
    {
        var session = Class();
        session.Cancel("暴雨");
        _clock.SetUtcNow(StartsAt.AddMinutes(-30));

        Assert.False(session.IsOpenForRegistration(_clock.GetUtcNow()));
        Assert.False(session.IsOpenForCheckIn(_clock.GetUtcNow()));
        Assert.Equal("暴雨", session.CancelReason);
    }

    [Fact]
    public void The_doors_open_two_hours_before_the_start_and_check_in_runs_until_completion()
    {
        var session = Class();

        _clock.SetUtcNow(StartsAt - TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        Assert.False(session.IsOpenForCheckIn(_clock.GetUtcNow()));
        _clock.SetUtcNow(StartsAt - TimeSpan.FromHours(2));
        Assert.True(session.IsOpenForCheckIn(_clock.GetUtcNow()));
        _clock.SetUtcNow(session.EndsAt.AddHours(1));
        Assert.True(session.IsOpenForCheckIn(_clock.GetUtcNow()));

        session.Complete(_clock.GetUtcNow());
        Assert.False(session.IsOpenForCheckIn(_clock.GetUtcNow()));
        Assert.Equal(_clock.GetUtcNow(), session.CompletedAt);
    }

    [Fact]
    public void A_moved_session_keeps_the_duration_it_is_given()
    {
        var session = Class();
        var later = StartsAt.AddDays(7);

        session.MoveTo(later, TimeSpan.FromHours(2));

        Assert.Equal(later, session.StartsAt);
        Assert.Equal(later.AddHours(2), session.EndsAt);
    }
}
