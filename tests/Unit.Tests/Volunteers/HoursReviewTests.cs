using Community.ServiceDefaults.Auth;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class HoursReviewTests
{
    private static ServiceHours Logged(Guid volunteerId, string status = HourStatuses.Pending) =>
        new() { Id = Guid.NewGuid(), VolunteerId = volunteerId, Minutes = 90, Source = HourSources.SelfLog, Activity = "陪诊", Status = status };

    private static readonly Guid Building = Guid.NewGuid();

    private static Volunteer LivingIn(Guid? building) =>
        Volunteer.Register("王阿姨", "13900000000", VolunteerKind.FullTimeMother, null, [], building, DateTimeOffset.UtcNow);

    private static VolunteerCaller GridWorker(Guid? volunteerId, Guid? account = null) =>
        new(Callers.As(Roles.GridWorker, account ?? Guid.NewGuid()), volunteerId, new HashSet<Guid> { Building });

    [Fact]
    public void Nobody_confirms_their_own_time_not_even_a_grid_worker()
    {
        var volunteer = LivingIn(Building);
        var entry = Logged(volunteer.Id);

        // The caller's account is linked to the volunteer whose time it is.
        Assert.False(HoursReview.MayReview(GridWorker(volunteer.Id), entry, volunteer));
        Assert.True(HoursReview.MayReview(GridWorker(Guid.NewGuid()), entry, volunteer));
    }

    [Fact]
    public void Whoever_logged_time_for_someone_does_not_confirm_it()
    {
        var gridWorker = Guid.NewGuid();
        var volunteer = LivingIn(Building);
        var entry = Logged(volunteer.Id);
        entry.LoggedBy = gridWorker.ToString();

        Assert.False(HoursReview.MayReview(GridWorker(null, gridWorker), entry, volunteer));
        Assert.True(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.StationStaff), null, new HashSet<Guid>()), entry, volunteer));
    }

    [Fact]
    public void A_grid_worker_reviews_only_the_time_of_volunteers_living_in_the_grids_they_work()
    {
        var elsewhere = LivingIn(Guid.NewGuid());
        var nowhere = LivingIn(null);

        Assert.False(HoursReview.MayReview(GridWorker(Guid.NewGuid()), Logged(elsewhere.Id), elsewhere));
        Assert.False(HoursReview.MayReview(GridWorker(Guid.NewGuid()), Logged(nowhere.Id), nowhere));
        // Staff review anyone's.
        Assert.True(HoursReview.MayReview(new VolunteerCaller(Callers.As(Roles.StationStaff), null, new HashSet<Guid>()), Logged(nowhere.Id), nowhere));
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
