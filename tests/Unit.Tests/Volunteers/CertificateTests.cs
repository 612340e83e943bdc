using Community.Services.Volunteers.Hours;
using Community.Services.Volunteers.Recognition;

namespace Community.Unit.Tests.Volunteers;

public sealed class CertificateTests
{
    private static readonly DateOnly First = new(2026, 1, 1);
    private static readonly DateOnly Last = new(2026, 12, 31);

    [Fact]
    public void Names_and_activities_are_encoded_not_run()
    {
        ServiceHours[] entries = [new() { Minutes = 90, Activity = "<img src=x onerror=alert(1)>", ServedAt = new DateTimeOffset(2026, 5, 1, 1, 0, 0, TimeSpan.Zero) }];

        var html = Certificate.Render("<script>alert(1)</script>", First, Last, entries, new RecognitionOptions(), Last);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void The_total_is_given_in_hours_and_each_entry_on_its_local_day()
    {
        ServiceHours[] entries =
        [
            new() { Minutes = 60, Activity = "河道清洁", ServedAt = new DateTimeOffset(2026, 5, 1, 17, 0, 0, TimeSpan.Zero) },
            new() { Minutes = 30, Activity = "陪诊", ServedAt = new DateTimeOffset(2026, 6, 1, 1, 0, 0, TimeSpan.Zero) },
        ];

        var html = Certificate.Render("李老师", First, Last, entries, new RecognitionOptions(), Last);

        Assert.Contains("data-total-minutes=\"90\">1.5 小时", html);
        Assert.Contains("<td>2026-05-02</td><td>河道清洁</td>", html);
    }

    [Fact]
    public void A_period_without_confirmed_time_says_so()
    {
        var html = Certificate.Render("李老师", First, Last, [], new RecognitionOptions(), Last);

        Assert.Contains("此期间无经确认的服务记录。", html);
        Assert.Contains("data-total-minutes=\"0\">0 小时", html);
    }
}
