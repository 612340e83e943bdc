using Community.Web.Forms;
using Community.Web.Gateway;
using Community.Web.Reports;
using Microsoft.AspNetCore.Http;

namespace Community.Unit.Tests.Web;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("resolved", "done")]
    [InlineData("closed", "done")]
    [InlineData("closed-unresolved", "unresolved")]
    [InlineData("returned", "open")]
    [InlineData("merged", "merged")]
    [InlineData("reported", "open")]
    [InlineData("accepted", "open")]
    [InlineData("in-progress", "open")]
    [InlineData("reopened", "open")]
    public void A_request_closed_without_a_fix_is_never_drawn_as_done_and_a_returned_one_is_still_open(string status, string group) =>
        Assert.Equal(group, ReportPeriod.GroupOf(status));

    [Fact]
    public void Categories_add_up_their_statuses_by_group_busiest_first_and_empty_ones_are_left_out()
    {
        var rows = ReportPeriod.ByCategory([
            new CategoryStatusView("repair", "resolved", 3), new CategoryStatusView("repair", "closed", 2),
            new CategoryStatusView("repair", "closed-unresolved", 1), new CategoryStatusView("repair", "reported", 4),
            new CategoryStatusView("stray-animals", "merged", 2), new CategoryStatusView("other", "reported", 0),
            new CategoryStatusView("elderly-care", "accepted", 11),
        ]);

        Assert.Equal(["elderly-care", "repair", "stray-animals"], rows.Select(r => r.Category));
        var repair = rows[1];
        Assert.Equal(10, repair.Total);
        Assert.Equal(5, repair.Counts["done"]);
        Assert.Equal(1, repair.Counts["unresolved"]);
        Assert.Equal(4, repair.Counts["open"]);
        Assert.False(repair.Counts.ContainsKey("merged"));
        Assert.Equal(2, rows[2].Counts["merged"]);
    }

    [Theory]
    [InlineData("2026-11-01", 2026, 11, 1)]
    [InlineData("2026-02-29", 0, 0, 0)]
    [InlineData("11/01/2026", 0, 0, 0)]
    [InlineData("", 0, 0, 0)]
    [InlineData(null, 0, 0, 0)]
    public void A_period_takes_dates_only_as_a_date_input_sends_them(string? text, int year, int month, int day) =>
        Assert.Equal(year == 0 ? null : new DateOnly(year, month, day), ReportPeriod.Parse(text));

    [Fact]
    public void The_query_names_a_grid_only_when_one_is_chosen()
    {
        var grid = Guid.Parse("0b3c8f0e-6a52-4f0e-9d6c-3d9e2b7f1a11");
        Assert.Equal("?from=2026-11-01&to=2026-11-30", ReportPeriod.Query(new(2026, 11, 1), new(2026, 11, 30), null));
        Assert.Equal($"?from=2026-11-01&to=2026-11-30&gridId={grid}", ReportPeriod.Query(new(2026, 11, 1), new(2026, 11, 30), grid));
    }

    [Theory]
    [InlineData("", "/station/schedule?changed=1")]
    [InlineData("?week=3", "/station/schedule?week=3&changed=1")]
    [InlineData("?week=3&changed=1", "/station/schedule?week=3&changed=1")]
    [InlineData("?q=%E5%BC%A0", "/station/schedule?q=%E5%BC%A0&changed=1")]
    public void A_stale_form_returns_to_the_same_page_and_query_marked_once(string query, string expected)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = "/station/schedule";
        request.QueryString = new QueryString(query);
        Assert.Equal(expected, StaleForms.Again(request));
    }
}
