using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class HoursReviewTests
{
    private static ServiceHours Logged(Guid volunteerId, string status = HourStatuses.Pending) =>
        new() { Id = Guid.NewGuid(), VolunteerId = volunteerId, Minutes = 90, Source = HourSources.SelfLog, Activity = "陪诊", Status = status };

    [Fact]
    public void Nobody_confirms_their_own_time_not_even_a_grid_worker()
    {
        var volunteer = Guid.NewGuid();
        var entry = Logged(volunteer);

        // The caller's account is linked to the volunteer whose time it is.
        Assert.False(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.GridWorker), volunteer, new HashSet<Guid>()), entry));
        Assert.True(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.GridWorker), Guid.NewGuid(), new HashSet<Guid>()), entry));
    }

    [Fact]
    public void Whoever_logged_time_for_someone_does_not_confirm_it()
    {
        var gridWorker = Guid.NewGuid();
        var entry = Logged(Guid.NewGuid());
        entry.LoggedBy = gridWorker.ToString();

        Assert.False(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.GridWorker, gridWorker), null, new HashSet<Guid>()), entry));
        Assert.True(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.StationStaff), null, new HashSet<Guid>()), entry));
    }

    [Fact]
    public void A_rejection_needs_a_reason_a_confirmation_does_not()
    {
        Assert.Equal(["reason"], HoursReview.CheckReason(HourStatuses.Rejected, null).ToDictionary().Keys);
        Assert.Equal(["reason"], HoursReview.CheckReason(HourStatuses.Rejected, "   ").ToDictionary().Keys);
        Assert.False(HoursReview.CheckReason(HourStatuses.Rejected, "无人能证明").Any);
        Assert.False(HoursReview.CheckReason(HourStatuses.Confirmed, null).Any);
    }

    [Fact]
    public void A_reason_is_at_most_five_hundred_characters()
    {
        var tooLong = new string('理', HoursReview.MaxReasonLength + 1);

        Assert.True(HoursReview.CheckReason(HourStatuses.Confirmed, tooLong).Any);
        Assert.False(HoursReview.CheckReason(HourStatuses.Confirmed, tooLong[1..]).Any);
    }

    [Fact]
    public void Only_pending_time_is_reviewed()
    {
        Assert.True(HoursReview.IsPending(Logged(Guid.NewGuid())));
        Assert.False(HoursReview.IsPending(Logged(Guid.NewGuid(), HourStatuses.Confirmed)));
        Assert.False(HoursReview.IsPending(Logged(Guid.NewGuid(), HourStatuses.Rejected)));
    }

    [Fact]
    public void The_ledger_keeps_the_reviewers_words_or_says_a_supervisor_confirmed()
    {
        Assert.Equal("医院记录已核实", HoursReview.Reason("  医院记录已核实 "));
        Assert.Equal("confirmed by a supervisor", HoursReview.Reason(null));
    }
}
