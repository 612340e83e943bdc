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
}
