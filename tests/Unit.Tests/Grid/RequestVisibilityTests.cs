using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Requests;
using static Community.Unit.Tests.Grid.Examples;

namespace Community.Unit.Tests.Grid;

public sealed class RequestVisibilityTests
{
    private static readonly Guid Reporter = Guid.NewGuid();

    private static readonly ResidentRequest Anonymous = Reported(Details(reporter: Reporter, anonymous: true));

    [Fact]
    public void Staff_see_who_reported_even_an_anonymous_request()
    {
        var dto = RequestDtos.ToDto(Anonymous, Caller(Guid.NewGuid(), Roles.StationStaff), RequestRelation.Staff);
        Assert.Equal((Reporter, "楼道灯坏了"), (dto.ReporterId!.Value, dto.Description));
    }

    [Fact]
    public void The_team_sees_what_was_reported_but_not_by_whom_when_the_reporter_asked()
    {
        var team = Caller(Guid.NewGuid(), Roles.GridWorker);
        Assert.Equal(((Guid?)null, "楼道灯坏了"), RequestDtos.ToDto(Anonymous, team, RequestRelation.Team) is var a ? (a.ReporterId, a.Description) : default);

        var named = Reported(Details(reporter: Reporter));
        Assert.Equal(Reporter, RequestDtos.ToDto(named, team, RequestRelation.Team).ReporterId);
    }

    [Fact]
    public void The_reporter_sees_their_own_request_in_full()
    {
        var dto = RequestDtos.ToDto(Anonymous, Caller(Reporter, Roles.Resident), RequestRelation.Reporter);
        Assert.Equal((Reporter, "楼道灯坏了", 1), (dto.ReporterId!.Value, dto.Description, dto.Pictures.Count));
    }

    [Fact]
    public void A_resident_following_through_a_merged_duplicate_sees_progress_not_what_someone_else_wrote()
    {
        var dto = RequestDtos.ToDto(Anonymous, Caller(Guid.NewGuid(), Roles.Resident), RequestRelation.MergedReporter);
        Assert.Equal(("", 0, (Guid?)null, RequestStatuses.Reported), (dto.Description, dto.Pictures.Count, dto.ReporterId, dto.Status));
    }
}
