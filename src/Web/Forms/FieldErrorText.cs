using System.Text.RegularExpressions;

namespace Community.Web.Forms;

/// <summary>
/// The services explain a refused field in English (their API's language, for any client). The web app says the same
/// in Chinese, beside the field: a table of the services' own phrasings, from the shared validation helpers and the
/// fields this app's forms send. A phrasing not in the table is still shown, after a Chinese lead-in, rather than lost.
/// </summary>
public static partial class FieldErrorText
{
    private static readonly (Regex Pattern, Func<Match, string> Chinese)[] Known =
    [
        (Exactly("is required."), _ => "这一项必须填写。"),
        (Exactly(@"is required \(true or false\)\.|is required: true or false\."), _ => "请选择是或否。"),
        (Exactly(@"must be at most (\d+) characters\."), m => $"最多 {m.Groups[1].Value} 个字。"),
        (Exactly(@"must be at least (\d+) characters\."), m => $"至少 {m.Groups[1].Value} 个字。"),
        (Exactly(@"must not contain (spaces or )?control characters\."), m => m.Groups[1].Success ? "不能包含空格或特殊控制字符。" : "不能包含特殊控制字符。"),
        (Exactly(@"must be between (-?[\d.]+) and (-?[\d.]+)\."), m => $"应在 {m.Groups[1].Value} 到 {m.Groups[2].Value} 之间。"),
        (Exactly(@"must be (\d+) or more( when given)?\."), m => $"至少为 {m.Groups[1].Value}。"),
        (Exactly(@"(each )?must be one of:? .*"), _ => "请从列表中选择。"),
        (Exactly(@"must be (a mainland mobile number of 11 digits.*|an 11-digit mobile number.*|a mainland China mobile number.*)"), _ => "请填写 11 位手机号，例如 13812345678。"),
        (Exactly(@"must be in the future\.|is required and must be in the future\."), _ => "必须是将来的时间。"),
        (Exactly(@"must be a local Shanghai date and time like .*"), _ => "请填写日期和时间，例如 2026-12-01 09:30。"),
        (Exactly(@"must not be before 'from'(, and the period at most ten years)?\."), m => m.Groups[1].Success
            ? "结束日期不能早于开始日期，期间最长十年。" : "结束日期不能早于开始日期。"),
        (Exactly(@"must not be after 'to'\."), _ => "开始日期不能晚于结束日期。"),
        (Exactly(@"exceeds the venue's capacity of (\d+)\."), m => $"超过了场地能容纳的 {m.Groups[1].Value} 人。"),
        (Exactly(@"plans more than (\d+) sessions; plan a shorter series\."), m => $"一次最多安排 {m.Groups[1].Value} 场，请减少场数。"),
        (Exactly(@"gives no session at all\."), _ => "按这个规则一场活动也排不出来。"),
        (Exactly(@"is not this account's password\."), _ => "密码不对。"),
        (Exactly(@"must be a past year after 1900\.|must be a year between 1900 and this year\."), _ => "请填写 1900 年以后、不晚于今年的年份。"),
        (Exactly(@"must not be blank .*"), _ => "不能只填空格。"),
        (Exactly(@"must be a day of the week .*"), _ => "请选择星期几。"),
        (Exactly(@"must be a time like (\d\d:\d\d)\."), m => $"请填写时间，例如 {m.Groups[1].Value}。"),
        (Exactly(@"must be after the slot's start\."), _ => "结束时间要晚于开始时间。"),
        (Exactly(@"at most (\d+) slots\."), m => $"最多 {m.Groups[1].Value} 个时段。"),
        (Exactly(@"the waitlist has (\d+) places\."), m => $"候补一共只有 {m.Groups[1].Value} 位。"),
        (Exactly(@"must hold at most (\d+) items\.|must name at most (\d+) types\."), m => $"最多选 {(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)} 项。"),
        (Exactly(@"name at least one public event type\."), _ => "请至少选一种事件。"),
        (Exactly(@"holds unknown event types .*|'.*' is not a public event type.*"), _ => "有不认识的事件类型，请从列表中选择。"),
        (Exactly(@"must be an absolute https:// URL\.|must use https\."), _ => "请填写以 https:// 开头的完整网址。"),
        (Exactly(@"must not carry a user name, password or fragment\."), _ => "网址里不能带用户名、密码或 # 后面的部分。"),
        (Exactly(@"must name a public host\.|must not point at a private, loopback or link-local address\.|names a host that does not resolve\."),
            _ => "这个网址在互联网上访问不到，请填写公开的网址。"),
        // Last: the other "is required …" phrasings, each explaining when; the field beside it says which.
        (Exactly(@"is required\b.*"), _ => "这一项必须填写。"),
    ];

    /// <summary>The Chinese for one of the services' field messages.</summary>
    public static string Chinese(string message)
    {
        // Already in Chinese (the web app's own checks): as it is.
        if (message.Any(c => c is >= '\u4e00' and <= '\u9fff'))
        {
            return message;
        }

        foreach (var (pattern, chinese) in Known)
        {
            if (pattern.Match(message.Trim()) is { Success: true } match)
            {
                return chinese(match);
            }
        }

        return $"这一项需要修改（{message}）";
    }

    private static Regex Exactly(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
}
