using System.Globalization;
using Community.Web.Gateway;

namespace Community.Web.Reports;

/// <summary>The reports page's rules: the period asked for, how statuses are grouped in its chart, and the CSV download.</summary>
public static class ReportPeriod
{
    public const string DownloadPath = "/station/reports/download";

    /// <summary>The chart's groups, in the order drawn: done, still open (returned ones too), closed without a fix, merged as duplicates.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["done", "open", "unresolved", "merged"];

    public sealed record CategoryRow(string Category, IReadOnlyDictionary<string, int> Counts, int Total);

    /// <summary>A date as a date input sends it (yyyy-MM-dd), or null when missing or not a date.</summary>
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The query the Grid service's report (and the download) takes; no grid means the whole neighbourhood.</summary>
    public static string Query(DateOnly from, DateOnly to, Guid? grid) =>
        $"?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}" + (grid is { } id ? $"&gridId={id}" : "");

    /// <summary>
    /// A request's status in the chart. Closed-unresolved is its own group: it never counts as done. A returned
    /// request is still open work (the station takes it on; its clock and escalation run), so it is drawn as open;
    /// merged ones were duplicates, folded into another.
    /// </summary>
    public static string GroupOf(string status) => status switch
    {
        "resolved" or "closed" => "done",
        "closed-unresolved" => "unresolved",
        "merged" => "merged",
        _ => "open",
    };

    /// <summary>Requests per category, grouped as the chart draws them, the busiest category first.</summary>
    public static IReadOnlyList<CategoryRow> ByCategory(IEnumerable<CategoryStatusView> counts) => counts
        .GroupBy(c => c.Category)
        .Select(g => new CategoryRow(g.Key,
            g.GroupBy(c => GroupOf(c.Status)).ToDictionary(x => x.Key, x => x.Sum(c => c.Count)),
            g.Sum(c => c.Count)))
        .Where(row => row.Total > 0)
        .OrderByDescending(row => row.Total).ThenBy(row => row.Category, StringComparer.Ordinal)
        .ToList();

    /// <summary>The report as the Grid service writes it as CSV, fetched with the person's own token and handed over as a file.</summary>
    public static IEndpointRouteBuilder MapReportDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPath, async (string? from, string? to, string? gridId, GatewayClient gateway, CancellationToken cancellationToken) =>
        {
            // Read as text: a mangled address goes back to the page, never a bare 400.
            if (Parse(from) is not { } first || Parse(to) is not { } last)
            {
                return Results.Redirect("/station/reports");
            }

            Guid? grid = Guid.TryParse(gridId, out var parsed) ? parsed : null;

            var csv = await gateway.GetTextAsync($"/api/grid/reports{Query(first, last, grid)}&format=csv", cancellationToken);
            if (csv.Value is not { } text)
            {
                // The page asks again and shows what the service said (forbidden, unavailable, a bad period).
                return Results.Redirect($"/station/reports{Query(first, last, grid).Replace("gridId", "grid", StringComparison.Ordinal)}");
            }

            // With the byte order mark, as the service sends it: Excel then reads the Chinese as UTF-8.
            var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'))).ToArray();
            var scope = grid is { } id ? id.ToString() : "neighbourhood";
            return Results.File(bytes, "text/csv; charset=utf-8", $"report-{scope}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv");
        }).RequireAuthorization(Community.ServiceDefaults.Auth.Policies.Workers);
        return app;
    }
}
