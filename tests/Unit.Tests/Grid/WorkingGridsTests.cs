using Community.Services.Grid.Grids;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class WorkingGridsTests
{
    [Fact]
    public void Staff_work_every_grid_and_what_is_in_no_grid()
    {
        Assert.True(WorkingGrids.Every.Includes(Guid.NewGuid()));
        Assert.True(WorkingGrids.Every.Includes(null));
    }

    [Fact]
    public void A_grid_worker_works_only_their_teams_grids_and_nothing_outside_a_grid()
    {
        var team = new WorkingGrids(false, [GridId]);
        Assert.True(team.Includes(GridId));
        Assert.False(team.Includes(Guid.NewGuid()));
        Assert.False(team.Includes(null));
        Assert.False(new WorkingGrids(false, []).Includes(GridId));
    }
}
