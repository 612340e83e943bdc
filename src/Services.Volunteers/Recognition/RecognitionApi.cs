using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Registry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Volunteers.Recognition;

public sealed record BadgeDto(int Hours, string Name, DateOnly EarnedOn);

public sealed record RecognitionDto(Guid VolunteerId, double ConfirmedHours, IReadOnlyList<BadgeDto> Badges, int? NextBadgeHours, double? HoursToNextBadge);

/// <summary>Settings under <c>Recognition</c>.</summary>
public sealed class RecognitionOptions
{
    /// <summary>Hour thresholds for badges.</summary>
    public int[] BadgeHours { get; set; } = [10, 50, 100, 300, 1000];

    public string Neighbourhood { get; set; } = "上海市静安区彭浦镇 阳城贵都居民区";

    public string Issuer { get; set; } = "阳城贵都居民区党群服务站";
}

/// <summary>Badges at hour thresholds (earned on the day the confirmed total crossed them) and a printable certificate.</summary>
public static class RecognitionApi
{
    public static IEndpointRouteBuilder MapRecognitionApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/recognition", RecognitionAsync)
            .WithTags("Recognition")
            .WithName("VolunteerRecognition")
            .WithSummary("The badges a volunteer has earned and how far the next one is.");
        app.MapGet("/volunteers/{id:guid}/certificate", CertificateAsync)
            .WithTags("Recognition")
            .WithName("VolunteerCertificate")
            .WithSummary("A certificate of confirmed service hours over a period, as an HTML page fit for printing.");
        return app;
    }

    internal static async Task<Results<Ok<RecognitionDto>, NotFound<ProblemDetails>, ForbidHttpResult>> RecognitionAsync(
        Guid id, VolunteersDbContext db, IOptions<RecognitionOptions> options, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var lookup = await db.Volunteers.AsNoTracking().FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is null)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var credits = await db.ServiceHours.AsNoTracking().Where(h => h.VolunteerId == id && h.Status == HourStatuses.Confirmed)
            .OrderBy(h => h.ServedAt).Select(h => new { h.ServedAt, h.Minutes }).ToListAsync(cancellationToken);
        var thresholds = options.Value.BadgeHours.Where(h => h > 0).Distinct().Order().ToList();
        var badges = new List<BadgeDto>();
        var running = 0;
        foreach (var credit in credits)
        {
            running += credit.Minutes;
            foreach (var hours in thresholds.Where(h => running >= h * 60 && badges.All(b => b.Hours != h)))
            {
                badges.Add(new BadgeDto(hours, $"{hours} 小时志愿服务", Neighbourhood.Today(credit.ServedAt)));
            }
        }

        var next = thresholds.FirstOrDefault(h => running < h * 60);
        return TypedResults.Ok(new RecognitionDto(id, Math.Round(running / 60.0, 2), badges,
            next == 0 ? null : next, next == 0 ? null : Math.Round(next - (running / 60.0), 2)));
    }

    internal static async Task<Results<ContentHttpResult, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> CertificateAsync(
        Guid id, DateOnly? from, DateOnly? to, VolunteersDbContext db, TimeProvider time, IOptions<RecognitionOptions> options, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var first = from ?? new DateOnly(today.Year, 1, 1);
        var last = to ?? today;
        if (last < first)
        {
            return new FieldErrors().Add("to", "must not be before 'from'.").ToProblem();
        }

        var lookup = await db.Volunteers.AsNoTracking().FindForAsync(id, caller, cancellationToken);
        if (lookup.Volunteer is not { } volunteer)
        {
            return lookup.Exists ? TypedResults.Forbid() : TypedResults.NotFound(VolunteerProblems.NoSuchVolunteer(id));
        }

        var start = Neighbourhood.StartOf(first);
        var end = Neighbourhood.StartOf(last.AddDays(1));
        var entries = await db.ServiceHours.AsNoTracking()
            .Where(h => h.VolunteerId == id && h.Status == HourStatuses.Confirmed && h.ServedAt >= start && h.ServedAt < end)
            .OrderBy(h => h.ServedAt).ToListAsync(cancellationToken);
        var html = Render(volunteer.DisplayName, first, last, entries, options.Value, today);
        return TypedResults.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string Render(string name, DateOnly first, DateOnly last, IReadOnlyList<ServiceHours> entries, RecognitionOptions options, DateOnly issuedOn)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var minutes = entries.Sum(e => e.Minutes);
        var hours = (minutes / 60.0).ToString("0.##", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>志愿服务证明 — {{E(name)}}</title>
            <style>
              @page { size: A4; margin: 20mm; }
              body { font-family: "Noto Serif CJK SC", "Songti SC", serif; color: #222; }
              h1 { text-align: center; letter-spacing: .3em; }
              .lead { font-size: 1.15em; line-height: 1.8; }
              table { width: 100%; border-collapse: collapse; margin-top: 1em; }
              th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; }
              td.num { text-align: right; }
              .sign { margin-top: 3em; text-align: right; line-height: 1.8; }
            </style>
            </head>
            <body>
            <h1>志愿服务证明</h1>
            <p class="lead">兹证明 <strong>{{E(name)}}</strong> 于 {{first:yyyy年M月d日}} 至 {{last:yyyy年M月d日}} 期间在{{E(options.Neighbourhood)}}参加志愿服务，
            经确认的服务时长共计 <strong data-total-minutes="{{minutes}}">{{hours}} 小时</strong>。</p>
            <table>
            <thead><tr><th>日期</th><th>服务内容</th><th>时长（分钟）</th></tr></thead>
            <tbody>

            """);
        foreach (var entry in entries)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Neighbourhood.Today(entry.ServedAt):yyyy-MM-dd}</td><td>{E(entry.Activity)}</td><td class=\"num\">{entry.Minutes}</td></tr>\n");
        }

        if (entries.Count == 0)
        {
            html.Append("<tr><td colspan=\"3\">此期间无经确认的服务记录。</td></tr>\n");
        }

        html.Append($$"""
            </tbody>
            </table>
            <p class="sign">{{E(options.Issuer)}}<br>{{issuedOn:yyyy年M月d日}}</p>
            </body>
            </html>

            """);
        return html.ToString();
    }
}
