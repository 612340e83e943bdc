using Community.Services.Grid.Requests;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class EscalationStepTests
{
    [Fact]
    public void An_overdue_request_goes_from_the_grid_team_to_staff_who_get_one_step_before_it_goes_on()
    {
        var step = EscalationStep.For(0, RequestStatuses.Accepted, Noon, Noon.AddHours(1), Sla);

        Assert.Equal((1, Noon.AddHours(1 + Sla.EscalationStepHours)), (step.Level, step.NextAt!.Value));
        Assert.Equal(("grid team", "residents' committee staff"), (step.From, step.To));
        Assert.Equal("past due (2026-03-02 04:00:00Z)", step.Why);
    }

    [Fact]
    public void From_staff_it_goes_to_admin_and_no_further()
    {
        var step = EscalationStep.For(1, RequestStatuses.InProgress, Noon, Noon.AddDays(2), Sla);
        Assert.Equal((EscalationStep.Top, (DateTimeOffset?)null, "admin"), (step.Level, step.NextAt, step.To));
    }

    [Fact]
    public void A_returned_request_not_rerouted_in_time_escalates_before_its_due_time_and_says_so()
    {
        Assert.Equal("returned and not re-routed in time", EscalationStep.For(0, RequestStatuses.Returned, Noon.AddDays(2), Noon, Sla).Why);
        Assert.StartsWith("past due", EscalationStep.For(0, RequestStatuses.Returned, Noon, Noon.AddDays(2), Sla).Why);
    }
}
