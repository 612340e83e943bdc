using Bunit;
using Community.Web.Components;
using Community.Web.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Unit.Tests.Web;

/// <summary>The web app's shared components rendered alone (bUnit), with the app's own Chinese text.</summary>
public sealed class ComponentTests : IDisposable
{
    private readonly BunitContext _context = new();

    public ComponentTests() => _context.Services.AddLocalization(options => options.ResourcesPath = "Resources");

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<Pager> Pager(int page, int total) => _context.Render<Pager>(parameters => parameters
        .Add(p => p.Label, "通知分页").Add(p => p.PageNumber, page).Add(p => p.PageSize, 20).Add(p => p.Total, total)
        .Add(p => p.Link, n => $"/my/notices?page={n}"));

    [Fact]
    public void The_pager_links_only_to_pages_that_exist_and_says_where_the_reader_is()
    {
        var first = Pager(1, 45);
        Assert.Empty(first.FindAll("a[rel=prev]"));
        Assert.Equal("/my/notices?page=2", first.Find("a[rel=next]").GetAttribute("href"));
        Assert.Contains("第 1 页，共 3 页", first.Find("nav").TextContent);
        Assert.Equal("通知分页", first.Find("nav").GetAttribute("aria-label"));

        var last = Pager(3, 45);
        Assert.Equal("/my/notices?page=2", last.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Empty(last.FindAll("a[rel=next]"));
    }

    [Fact]
    public void The_pager_draws_nothing_when_everything_fits_on_one_page() => Assert.Empty(Pager(1, 20).Markup.Trim());

    private static ApiProblem Problem(int status, TimeSpan? retryAfter = null, Dictionary<string, string[]>? errors = null) =>
        new(status, null, null, null, errors ?? [], retryAfter);

    [Fact]
    public void A_429_says_when_to_try_again_and_a_service_that_did_not_answer_says_what_was_typed_is_kept()
    {
        var busy = _context.Render<ProblemMessage>(p => p.Add(x => x.Problem, Problem(429, TimeSpan.FromSeconds(30))));
        Assert.Equal("alert", busy.Find("div").GetAttribute("role"));
        Assert.Contains("请 30 秒后再试", busy.Markup);

        var down = _context.Render<ProblemMessage>(p => p.Add(x => x.Problem, Problem(0)));
        Assert.Contains("您填写的内容还在", down.Markup);

        Assert.Empty(_context.Render<ProblemMessage>(p => p.Add(x => x.Problem, null)).Markup.Trim());
    }

    [Fact]
    public void A_field_error_sits_under_its_own_id_for_the_input_to_point_at_and_only_for_its_field()
    {
        var problem = Problem(400, errors: new() { ["to"] = ["must not be before 'from'."] });

        var to = _context.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "to"));
        var from = _context.Render<FieldError>(p => p.Add(x => x.Problem, problem).Add(x => x.Field, "from"));

        Assert.Equal("结束日期不能早于开始日期。", to.Find("#to-error").TextContent.Trim());
        Assert.Empty(from.Markup.Trim());
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<RegistrationCard> Card(string status, DateTimeOffset startsAt, string sessionStatus = "scheduled", DateTimeOffset? offerUntil = null) =>
        _context.Render<RegistrationCard>(p => p.Add(c => c.Now, Now).Add(c => c.Item, new RegistrationView(
            Guid.NewGuid(), Guid.NewGuid(), "王阿婆", status, null, offerUntil, status == "confirmed" ? "ABC234" : null, false, Now.AddDays(-3), null, null, null,
            new SessionView(Guid.NewGuid(), Guid.NewGuid(), "太极拳", "fitness", "elders", Guid.NewGuid(), startsAt, startsAt.AddHours(1), 20, 3, sessionStatus))));

    [Fact]
    public void A_registration_says_which_session_it_is_for_and_offers_cancelling_only_while_the_session_lies_ahead()
    {
        var ahead = Card("confirmed", Now.AddDays(1));
        Assert.Equal("太极拳", ahead.Find("h2 a").TextContent);
        Assert.Contains("参加人：王阿婆", ahead.Markup);
        Assert.Contains("取消报名", ahead.Find("button").TextContent);

        var started = Card("confirmed", Now.AddMinutes(-10));
        Assert.Empty(started.FindAll("button"));
        Assert.Contains("已开始或已结束", started.Markup);
        Assert.Contains("ABC234", started.Markup);

        var called = Card("confirmed", Now.AddDays(1), sessionStatus: "cancelled");
        Assert.Empty(called.FindAll("button"));
        Assert.Contains("活动已取消", called.Markup);
    }

    [Fact]
    public void An_offer_can_be_taken_up_while_the_session_lies_ahead_and_the_service_says_whether_its_deadline_was_held()
    {
        var open = Card("offered", Now.AddDays(1), offerUntil: Now.AddHours(2));
        Assert.Equal(["确认参加", "取消报名"], open.FindAll("button").Select(b => b.TextContent).ToArray());

        // Past its deadline, a grid worker's call may still hold it open: the button stays, the service decides.
        var held = Card("offered", Now.AddDays(1), offerUntil: Now.AddMinutes(-1));
        Assert.Equal(["确认参加", "取消报名"], held.FindAll("button").Select(b => b.TextContent).ToArray());

        // Once the session has begun there is nothing to press, but the forms are still there for a press sent just before.
        var begun = Card("offered", Now.AddMinutes(-5), offerUntil: Now.AddMinutes(-30));
        Assert.Empty(begun.FindAll("button"));
        Assert.Equal(2, begun.FindAll("form").Count);
    }
}
