using System.Globalization;
using System.Net;
using System.Text;
using Community.ServiceDefaults;
using Community.Services.Volunteers.Hours;

namespace Community.Services.Volunteers.Recognition;

/// <summary>The printable certificate of confirmed service time: one A4 page of HTML, every name and activity encoded.</summary>
public static class Certificate
{
    public static string Render(string name, DateOnly first, DateOnly last, IReadOnlyList<ServiceHours> entries, RecognitionOptions options, DateOnly issuedOn)
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
