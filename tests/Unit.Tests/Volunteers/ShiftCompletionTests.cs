using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Opportunities;
using Community.Services.Volunteers.Registry;
using Microsoft.Extensions.Time.Testing;

namespace Community.Unit.Tests.Volunteers;

public sealed class ShiftCompletionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 14, 2, 0, 0, TimeSpan.Zero));
    private static readonly Opportunity StaffCreated = Opportunity.Open(OpportunitySources.Staff, Guid.NewGuid(), "河道清洁", null, DateTimeOffset.UnixEpoch);

    private Shift ShiftStarting(TimeSpan fromNow, TimeSpan length) =>
        StaffCreated.NewShift(_clock.GetUtcNow() + fromNow, _clock.GetUtcNow() + fromNow + length, "彭越浦河岸", null, 0, 10);

    [Fact]
    public void An_open_shift_that_has_started_can_be_completed()
    {
        var shift = ShiftStarting(TimeSpan.FromHours(-1), TimeSpan.FromHours(2));

        Assert.Null(ShiftCompletion.Refusal(shift, StaffCreated, _clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(ShiftCompletion.Refusal(shift, StaffCreated, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_shift_is_not_completed_before_it_starts_or_once_closed()
    {
        var future = ShiftStarting(TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
        var cancelled = ShiftStarting(TimeSpan.FromHours(-1), TimeSpan.FromHours(2));
        cancelled.Status = ShiftStatuses.Cancelled;

        Assert.Equal("It has not started yet.", ShiftCompletion.Refusal(future, StaffCreated, _clock.GetUtcNow())?.Detail);
        Assert.Equal("It is cancelled.", ShiftCompletion.Refusal(cancelled, StaffCreated, _clock.GetUtcNow())?.Detail);
    }

    [Fact]
    public void A_sessions_shift_completes_with_its_session_not_here()
    {
        var fromSession = Opportunity.Open("activities", Guid.NewGuid(), "智能手机辅导员", null, DateTimeOffset.UnixEpoch, sessionId: Guid.NewGuid());
        var shift = fromSession.NewShift(_clock.GetUtcNow().AddHours(-2), _clock.GetUtcNow().AddHours(-1), null, null, 1, 1);

        Assert.Equal("Completed with its session.", ShiftCompletion.Refusal(shift, fromSession, _clock.GetUtcNow())?.Title);
    }

    [Fact]
    public void A_shifts_length_is_counted_in_whole_minutes_rounded_up()
    {
        Assert.Equal(91, ShiftCompletion.LengthInMinutes(ShiftStarting(TimeSpan.Zero, TimeSpan.FromSeconds(90 * 60 + 1))));
        Assert.Equal(120, ShiftCompletion.LengthInMinutes(ShiftStarting(TimeSpan.Zero, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Being_on_the_shift_is_not_serving_it_the_supervisor_names_who_came()
    {
        Guid[] onShift = [Guid.NewGuid(), Guid.NewGuid()];

        Assert.Equal(["served"], ShiftCompletion.Check(null, onShift, 120).ToDictionary().Keys);
        Assert.False(ShiftCompletion.Check([], onShift, 120).Any);
        Assert.False(ShiftCompletion.Check([new(onShift[0], null)], onShift, 120).Any);
    }

    [Fact]
    public void Only_volunteers_on_the_shift_are_credited_once_each_for_at_most_its_length()
    {
        var on = Guid.NewGuid();
        Guid[] onShift = [on];

        Assert.False(ShiftCompletion.Check([new(on, 120)], onShift, 120).Any);
        Assert.Equal(["served[0].volunteerId"], ShiftCompletion.Check([new(Guid.NewGuid(), 60)], onShift, 120).ToDictionary().Keys);
        Assert.Equal(["served[0].volunteerId"], ShiftCompletion.Check([new(null, 60)], onShift, 120).ToDictionary().Keys);
        Assert.Equal(["served[0].minutes"], ShiftCompletion.Check([new(on, 121)], onShift, 120).ToDictionary().Keys);
        Assert.Equal(["served[0].minutes"], ShiftCompletion.Check([new(on, 0)], onShift, 120).ToDictionary().Keys);
        Assert.Contains("served", ShiftCompletion.Check([new(on, 60), new(on, 30)], onShift, 120).ToDictionary().Keys);
    }

    [Fact]
    public void Nobody_credits_themselves_and_a_grid_worker_completes_only_a_shift_in_the_grids_they_work()
    {
        var (worked, other, self) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var gridWorker = new VolunteerCaller(Callers.As(Roles.GridWorker), self, new HashSet<Guid> { worked });
        var staff = new VolunteerCaller(Callers.As(Roles.StationStaff), self, new HashSet<Guid>());
        Shift In(Guid? building) => StaffCreated.NewShift(_clock.GetUtcNow(), _clock.GetUtcNow().AddHours(2), "彭越浦河岸", building, 0, 10);
        var someone = new[] { Guid.NewGuid() };

        Assert.True(ShiftCompletion.MayComplete(gridWorker, In(worked), someone));
        Assert.True(ShiftCompletion.MayComplete(gridWorker, In(null), someone));
        Assert.False(ShiftCompletion.MayComplete(gridWorker, In(other), someone));
        Assert.True(ShiftCompletion.MayComplete(staff, In(other), someone));
        // Crediting their own time, among others': not even staff.
        Assert.False(ShiftCompletion.MayComplete(gridWorker, In(worked), [someone[0], self]));
        Assert.False(ShiftCompletion.MayComplete(staff, In(other), [self]));
    }

    [Fact]
    public void A_shift_is_supervised_by_staff_or_a_grid_worker_of_its_grid_never_by_a_volunteer()
    {
        var (worked, other) = (Guid.NewGuid(), Guid.NewGuid());
        var gridWorker = new VolunteerCaller(Callers.As(Roles.GridWorker), null, new HashSet<Guid> { worked });
        // A volunteer whose home is in the building does not supervise its shifts.
        var volunteer = new VolunteerCaller(Callers.As(Roles.Volunteer), Guid.NewGuid(), new HashSet<Guid> { worked });
        var staff = new VolunteerCaller(Callers.As(Roles.StationStaff), null, new HashSet<Guid>());
        Shift In(Guid? building) => StaffCreated.NewShift(_clock.GetUtcNow(), _clock.GetUtcNow().AddHours(2), "彭越浦河岸", building, 0, 10);

        Assert.True(ShiftSupervision.Allows(gridWorker, In(worked)));
        Assert.True(ShiftSupervision.Allows(gridWorker, In(null)));
        Assert.False(ShiftSupervision.Allows(gridWorker, In(other)));
        Assert.True(ShiftSupervision.Allows(staff, In(other)));
        Assert.False(ShiftSupervision.Allows(volunteer, In(worked)));
        Assert.False(ShiftSupervision.Allows(volunteer, In(null)));
    }
}
