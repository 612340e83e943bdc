using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Community.EndToEnd.Tests;

/// <summary>
/// The web app in a real browser (the machine's Chromium, driven by Playwright) against the whole system: people
/// sign in at the provider's page, click through a story, and every page passes axe in both modes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class WebTests(AppHostFixture fixture) : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(Repository.Root, "TestResults", "web");
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private Uri Web => fixture.App.GetEndpoint("web", "http");

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"], Headless = true,
        });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task A_resident_signs_in_registers_with_one_click_sees_her_code_in_elder_mode_and_staff_check_her_in_at_the_door()
    {
        // Staff set up a class starting within the hour; the resident is on Grid's records, linked to her account.
        var staff = await fixture.SignedInAsync("服务站小钱", Roles.StationStaff);
        var resident = await fixture.SignedInAsync("吴阿姨", Roles.Resident);
        var title = $"太极拳 {Guid.NewGuid():N}"[..10];
        var sessionId = await SessionAsync(staff.Client, title);
        await LinkToRecordAsync(staff.Client, resident.AccountId, "吴阿姨", 1950);

        // She signs in at the provider's page (through the gateway) and comes back to this week's activities.
        var page = await SignedInPageAsync(resident.Phone);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "本周活动", Level = 1 }));
        await AxeAsync(page, "home");
        // Late on a Sunday in Shanghai, a class 50 minutes away is next week's: she turns the page to it.
        var startsAt = (await staff.Client.GetFromJsonAsync<JsonElement>($"/api/activities/sessions/{sessionId}")).GetProperty("startsAt").GetDateTimeOffset();
        if (ShanghaiMonday(startsAt) > ShanghaiMonday(DateTimeOffset.UtcNow))
        {
            await page.GotoAsync(new Uri(Web, "/?week=1").ToString());
        }

        // One click registers her: the platform knows who she is. Her check-in code is shown, large.
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 }));
        await AxeAsync(page, "session");
        await Eventually.True(async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "为我报名" }).ClickAsync();
            return await page.Locator(".code").CountAsync() > 0 || await page.GetByText("已经报过名了").CountAsync() > 0;
        }, TimeSpan.FromSeconds(30), "the registration (Activities learning her record first)");

        // Elder mode: one switch, kept; her registrations in large text, with the code.
        await page.GotoAsync(new Uri(Web, "/my/registrations").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = title }));
        await page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已关闭" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已打开" }));
        Assert.Contains("elder", await page.Locator("body").GetAttributeAsync("class") ?? "");
        var code = (await page.Locator(".code").First.InnerTextAsync()).Trim();
        Assert.Matches("^[2-9A-Z]{6}$", code);
        var fontSize = await page.Locator("body").EvaluateAsync<string>("b => getComputedStyle(b).fontSize");
        Assert.True(double.Parse(fontSize.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 20, fontSize);
        await AxeAsync(page, "mine-elder");
        await page.GotoAsync(Web.ToString());
        await AxeAsync(page, "home-elder");

        // Her account remembers it: on her daughter's computer (a new browser) she signs in straight into elder mode.
        var elsewhere = await SignedInPageAsync(resident.Phone);
        await Expect(elsewhere.GetByRole(AriaRole.Button, new() { Name = "大字模式：已打开" }));
        Assert.Contains("elder", await elsewhere.Locator("body").GetAttributeAsync("class") ?? "");

        // At the door, station staff type her code and she is in.
        var door = await SignedInPageAsync(staff.Phone);
        await door.GotoAsync(new Uri(Web, $"/door/{sessionId}").ToString());
        await AxeAsync(door, "door");
        await door.GetByLabel("签到码（6 位）").FillAsync(code.ToLowerInvariant());
        await door.GetByRole(AriaRole.Button, new() { Name = "签到", Exact = true }).ClickAsync();
        await Expect(door.GetByText("吴阿姨 签到成功"));
        await door.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "door-done.png"), FullPage = true });

        // The session's roster, printable as the sign-in sheet, from the session's page.
        await door.GotoAsync(new Uri(Web, $"/sessions/{sessionId}").ToString());
        await door.GetByRole(AriaRole.Link, new() { Name = "报名名单" }).ClickAsync();
        await Expect(door.GetByRole(AriaRole.Cell, new() { Name = "吴阿姨" }));
        await AxeAsync(door, "roster");

        // A resident does not reach the door: she is told so, in words.
        await page.GotoAsync(new Uri(Web, $"/door/{sessionId}").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "您没有权限做这件事。" }));
        Assert.DoesNotContain("签到码（6 位）", await page.ContentAsync());
    }

    [Fact]
    public async Task A_resident_reports_a_problem_follows_it_honestly_and_answers_the_follow_up_and_her_grid_worker_registers_her_with_her_consent()
    {
        var staff = await fixture.SignedInAsync("服务站小孙", Roles.StationStaff);
        var elder = await fixture.SignedInAsync("冯奶奶", Roles.Resident);
        var worker = await fixture.SignedInAsync("网格员小冯", Roles.GridWorker);
        var record = await LinkToRecordAsync(staff.Client, elder.AccountId, "冯奶奶", 1941);
        var title = $"剪纸课 {Guid.NewGuid():N}"[..9];
        var sessionId = await SessionAsync(staff.Client, title);

        // She reports a broken stair light from her phone: the building is her own, nothing to look up.
        var page = await SignedInPageAsync(elder.Phone);
        await page.GotoAsync(new Uri(Web, "/requests/new").ToString());
        await AxeAsync(page, "report");
        await page.GetByLabel("问题类别").SelectOptionAsync(new SelectOptionValue { Label = "报修" });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        // Left empty, the description is refused beside its field, and what she chose stays.
        await Expect(page.Locator("#description-error"));
        await page.GetByLabel("具体情况").FillAsync("三楼楼道灯坏了，晚上看不见");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await Expect(page.GetByText("已提交，网格团队会尽快处理。"));

        // Her request, honestly: waiting first; resolved by staff, she says whether she is satisfied.
        await page.GotoAsync(new Uri(Web, "/requests/mine").ToString());
        await Expect(page.GetByText("已提交，等待受理"));
        await AxeAsync(page, "requests");
        var mine = await elder.Client.GetFromJsonAsync<JsonElement>("/api/grid/requests");
        var requestId = mine.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsJsonAsync($"/api/grid/requests/{requestId}/transitions", new { action = "accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsJsonAsync($"/api/grid/requests/{requestId}/transitions", new { action = "resolve", resolution = "物业已换灯泡" })).StatusCode);
        await page.ReloadAsync();
        await Expect(page.GetByText("处理结果：物业已换灯泡"));
        await page.GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(page.GetByText("谢谢您的评价。"));

        // With her consent recorded at the station, her grid worker registers her for the class from his page.
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync($"/api/grid/residents/{record}/acting-consents", new
        {
            actorAccountId = worker.AccountId, purpose = "activities", givenHow = "在服务站签字", validUntil = DateTimeOffset.UtcNow.AddDays(90),
        })).StatusCode);
        var workerPage = await SignedInPageAsync(worker.Phone);
        await workerPage.GotoAsync(new Uri(Web, "/on-behalf").ToString());
        await Expect(workerPage.GetByRole(AriaRole.Heading, new() { Name = "冯奶奶" }));
        await AxeAsync(workerPage, "on-behalf");
        await workerPage.GetByLabel("选择活动").SelectOptionAsync(new SelectOptionValue { Value = sessionId.ToString() });
        await Eventually.True(async () =>
        {
            await workerPage.GetByRole(AriaRole.Button, new() { Name = "为 冯奶奶 报名" }).ClickAsync();
            return await workerPage.GetByText("已为 冯奶奶 报名").CountAsync() > 0;
        }, TimeSpan.FromSeconds(30), "the registration (Activities learning the consent first)");

        // She sees it among her registrations, with who made it.
        await page.GotoAsync(new Uri(Web, "/my/registrations").ToString());
        await Expect(page.GetByText("由 网格员小冯 代为报名"));
    }

    [Fact]
    public async Task A_volunteer_signs_up_for_an_open_shift_withdraws_and_prints_her_certificate()
    {
        var staff = await fixture.SignedInAsync("服务站小褚", Roles.StationStaff);
        var volunteer = await fixture.SignedInAsync("褚阿姨", Roles.Volunteer);
        // She joins the registry herself: her record is linked to her account.
        await JoinsTheRegistryAsync(volunteer, "褚阿姨", "1962-10-01");
        var title = $"河道清洁 {Guid.NewGuid():N}"[..10];
        var starts = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title, shifts = new[] { new { startsAt = starts, endsAt = starts.AddHours(2), place = "彭越浦河岸", minVolunteers = 1, maxVolunteers = 3 } },
        })).StatusCode);
        // Later in the week, a class that needs what she will say she can do.
        var tutoring = $"教老人用手机 {Guid.NewGuid():N}"[..12];
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title = tutoring, skill = "smartphone-tutoring",
            shifts = new[] { new { startsAt = starts.AddDays(2), endsAt = starts.AddDays(2).AddHours(2), place = "服务站", minVolunteers = 1, maxVolunteers = 3 } },
        })).StatusCode);

        var page = await SignedInPageAsync(volunteer.Phone);
        await page.GotoAsync(new Uri(Web, "/volunteer").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "可以报名的班次" }));
        await AxeAsync(page, "volunteer");
        await page.GetByRole(AriaRole.Button, new() { Name = $"报名：{title}" }).ClickAsync();
        await Expect(page.GetByText("报名成功，谢谢您！"));
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = $"报名：{title}" }).CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "退出这个班次" }).ClickAsync();
        await Expect(page.GetByText("已退出这个班次。"));

        // Her profile: she can teach smartphones, and is free on Saturday mornings (a time the wrong way round is
        // refused on its own row, what she typed kept).
        await page.GetByLabel("智能手机辅导").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存技能" }).ClickAsync();
        await Expect(page.GetByText("技能已保存。"));
        Assert.True(await page.GetByLabel("智能手机辅导").IsCheckedAsync());
        // Shifts that need her skill now come first among the open ones, marked so.
        var open = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "可以报名的班次" }) }).Locator("li.card");
        Assert.Contains("需要您会的技能", await open.First.InnerTextAsync());
        Assert.Contains("需要您会的技能", await open.Filter(new() { HasText = tutoring }).InnerTextAsync());
        Assert.DoesNotContain("需要您会的技能", await open.Filter(new() { HasText = title }).InnerTextAsync());
        var second = page.Locator("fieldset", new() { Has = page.GetByText("第 2 个时段") });
        await second.GetByLabel("星期").SelectOptionAsync(new SelectOptionValue { Label = "星期六" });
        await second.GetByLabel("从").FillAsync("09:00");
        await second.GetByLabel("到").FillAsync("08:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存有空的时间" }).ClickAsync();
        await Expect(page.Locator("[id='slots[1].to-error']"));
        Assert.Equal("结束时间要晚于开始时间。", (await page.Locator("[id='slots[1].to-error']").InnerTextAsync()).Trim());
        second = page.Locator("fieldset", new() { Has = page.GetByText("第 2 个时段") });
        Assert.Equal("09:00", await second.GetByLabel("从").InputValueAsync());
        await AxeAsync(page, "volunteer-profile-refused");
        await second.GetByLabel("到").FillAsync("12:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存有空的时间" }).ClickAsync();
        await Expect(page.GetByText("有空的时间已保存。"));
        var me = await volunteer.Client.GetFromJsonAsync<JsonElement>("/api/volunteers/volunteers/me");
        Assert.Contains("smartphone-tutoring", me.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        var slots = await volunteer.Client.GetFromJsonAsync<JsonElement[]>($"/api/volunteers/volunteers/{me.GetProperty("id").GetGuid()}/availability");
        var saturday = Assert.Single(slots!);
        Assert.Equal(("saturday", "09:00", "12:00"), (saturday.GetProperty("day").GetString(), saturday.GetProperty("from").GetString(), saturday.GetProperty("to").GetString()));

        var certificate = await page.GotoAsync(new Uri(Web, "/volunteer/certificate").ToString());
        Assert.Equal(200, certificate!.Status);
        Assert.Contains("褚阿姨", await page.ContentAsync());
    }

    [Fact]
    public async Task A_guardian_registers_her_son_with_her_consent_signs_him_up_once_an_adult_supervises_and_prints_his_certificate()
    {
        var staff = await fixture.SignedInAsync("服务站小陈", Roles.StationStaff);
        var mother = await fixture.SignedInAsync("陈妈妈", Roles.Volunteer);
        await JoinsTheRegistryAsync(mother, "陈妈妈", "1986-03-01");
        var title = $"河道清洁 {Guid.NewGuid():N}"[..10];
        var starts = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(8));
        var shift = (await (await staff.Client.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title, shifts = new[] { new { startsAt = starts, endsAt = starts.AddHours(2), place = "彭越浦河岸", minVolunteers = 1, maxVolunteers = 12 } },
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shifts")[0].GetProperty("id").GetGuid();

        // She registers her son of ten; without saying what her consent covers she is asked for it, beside the field.
        var page = await SignedInPageAsync(mother.Phone);
        await page.GotoAsync(new Uri(Web, "/volunteer").ToString());
        await page.Locator("summary", new() { HasText = "为孩子登记为志愿者" }).ClickAsync();
        await page.GetByLabel("孩子的姓名").FillAsync("小明");
        // A birth date of someone 16 (who registers themselves) and no consent scope: both asked for, beside their fields.
        await page.GetByLabel("孩子的出生日期").FillAsync(DateTime.UtcNow.AddYears(-16).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "登记孩子" }).ClickAsync();
        Assert.Equal("这一项必须填写。", (await page.Locator("#consentScope-error").InnerTextAsync()).Trim());
        Assert.StartsWith("请填写孩子的出生日期", (await page.Locator("#birthDate-error").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("小明", await page.GetByLabel("孩子的姓名").InputValueAsync());
        await page.GetByLabel("孩子的出生日期").FillAsync(DateTime.UtcNow.AddYears(-10).ToString("yyyy-MM-dd"));
        await page.GetByLabel("您同意孩子参加的活动范围（例如：河道清洁）").FillAsync("绿水清波小纵队河道清洁活动");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记孩子" }).ClickAsync();
        await Expect(page.GetByText("已登记小明。"));
        var son = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "我的孩子" }) })
            .Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "小明" }) });
        await Expect(son);

        // A child alone on the shift is refused: no adult supervisor yet, said in words.
        var card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await card.GetByRole(AriaRole.Button, new() { Name = $"为小明报名：{title}" }).ClickAsync();
        await Expect(page.GetByText("这个班次的成人带队志愿者不够"));

        // Once the station has put a supervisor on it, she signs him up; it shows on his card.
        var supervisor = (await (await staff.Client.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "团员小周", phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "league-member", birthDate = "1996-05-01",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PutAsJsonAsync($"/api/volunteers/volunteers/{supervisor}/supervision", new { supervises = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync($"/api/volunteers/shifts/{shift}/signups", new { volunteerId = supervisor })).StatusCode);
        await page.GotoAsync(new Uri(Web, "/volunteer").ToString());
        card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await card.GetByRole(AriaRole.Button, new() { Name = $"为小明报名：{title}" }).ClickAsync();
        await Expect(page.GetByText("已为小明报名。"));
        Assert.Contains(title, await son.InnerTextAsync());
        await AxeAsync(page, "volunteer-guardian");

        // His certificate, for her to print.
        var link = (await son.GetByRole(AriaRole.Link).GetAttributeAsync("href"))!;
        var certificate = await page.GotoAsync(new Uri(Web, link).ToString());
        Assert.Equal(200, certificate!.Status);
        Assert.Contains("小明", await page.ContentAsync());

        // Another volunteer with the same address is sent back to her own page, not shown the boy's certificate;
        // a mangled id is not read as "my own".
        var stranger = await fixture.SignedInAsync("路人甲", Roles.Volunteer);
        await JoinsTheRegistryAsync(stranger, "路人甲", "1980-01-01");
        var other = await SignedInPageAsync(stranger.Phone);
        await other.GotoAsync(new Uri(Web, link).ToString());
        Assert.EndsWith("/volunteer", other.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("小明", await other.ContentAsync());
        await other.GotoAsync(new Uri(Web, "/volunteer/certificate?for=not-an-id").ToString());
        Assert.EndsWith("/volunteer", other.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grid_worker_works_her_grids_queue_by_its_clocks_accepts_and_resolves_and_a_return_needs_a_reason()
    {
        var staff = await fixture.SignedInAsync("服务站小蒋", Roles.StationStaff);
        var worker = await fixture.SignedInAsync("网格员小蒋", Roles.GridWorker);
        // Her volunteer record, linked to her account, is the grid's secretary.
        var (building, grid) = await GridOfAsync(staff.Client, worker, "网格员小蒋");
        await Eventually.True(async () => (await worker.Client.GetAsync($"/api/grid/grids/{grid}")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "Grid to know her account");
        // An urgent leak (due within seconds in these tests) and an ordinary full bin (due in three days).
        foreach (var (category, priority, text) in new[] { ("repair", "urgent", "二楼水管漏水"), ("environment-garbage", "normal", "垃圾箱满了") })
        {
            Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/grid/requests", new
            {
                category, priority, channel = "phone", buildingId = building, description = text,
            })).StatusCode);
        }

        await Task.Delay(TimeSpan.FromHours(AppHostFixture.UrgentDueHours) + TimeSpan.FromSeconds(1));
        var page = await SignedInPageAsync(worker.Phone);
        await page.GotoAsync(new Uri(Web, "/grid/requests").ToString());
        var leak = page.Locator(".card", new() { HasText = "二楼水管漏水" });
        await Expect(leak);
        // Overdue first, marked so; the other shows when it falls due.
        Assert.Contains("已超时", await leak.InnerTextAsync());
        Assert.Contains("二楼水管漏水", await page.Locator(".card").First.InnerTextAsync());
        Assert.Contains("承诺办结时间", await page.Locator(".card", new() { HasText = "垃圾箱满了" }).InnerTextAsync());
        await AxeAsync(page, "queue");

        await leak.GetByRole(AriaRole.Button, new() { Name = "受理" }).ClickAsync();
        await Expect(page.GetByText("已受理。"));
        leak = page.Locator(".card", new() { HasText = "二楼水管漏水" });
        await leak.GetByLabel("处理结果").FillAsync("已联系物业更换水管");
        await leak.GetByRole(AriaRole.Button, new() { Name = "已解决" }).ClickAsync();
        await Expect(page.GetByText("已标记为解决"));
        Assert.Equal(0, await page.Locator(".card", new() { HasText = "二楼水管漏水" }).CountAsync());

        // Returning without a reason is refused, and says so.
        var garbage = page.Locator(".card", new() { HasText = "垃圾箱满了" });
        await garbage.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await Expect(page.Locator(".problem"));
        Assert.Equal(1, await page.Locator(".card", new() { HasText = "垃圾箱满了" }).CountAsync());
    }

    [Fact]
    public async Task The_cat_street_is_open_to_anyone_a_partner_pledges_on_the_needs_board_staff_accept_it_and_the_grid_worker_sees_the_equipment()
    {
        var staff = await fixture.SignedInAsync("服务站小邹", Roles.StationStaff);

        // The cat street needs no sign-in, and shows no caretakers.
        var anonymous = await (await _browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" })).NewPageAsync();
        await anonymous.GotoAsync(new Uri(Web, "/cat-street").ToString());
        await Expect(anonymous.GetByRole(AriaRole.Heading, new() { Name = "喵街 · 社区猫档案" }));
        await AxeAsync(anonymous, "cat-street");

        // A partner's person (an account that acts for an approved organisation) sees a need staff added, and pledges.
        var organisation = (await (await staff.Client.PostAsJsonAsync("/api/partners/organisations", new
        {
            name = $"阳光学校{Guid.NewGuid():N}"[..12], kind = "school", contactName = "周老师", contactPhone = "13912345678",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsync($"/api/partners/organisations/{organisation}/approve", null)).StatusCode);
        var partner = await fixture.SignedInAsync("周老师", Roles.Partner);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.PutAsync($"/api/partners/organisations/{organisation}/members/{partner.AccountId}", null)).StatusCode);
        var title = $"暑期少儿活动场地 {Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/partners/needs", new { kind = "venue", title, quantity = 1 })).StatusCode);

        var page = await SignedInPageAsync(partner.Phone);
        await page.GotoAsync(new Uri(Web, "/partner/needs").ToString());
        var need = page.Locator(".card", new() { HasText = title });
        await Expect(need);
        await AxeAsync(page, "needs");
        await need.GetByLabel("认捐内容").FillAsync("学校礼堂，周六全天");
        await need.GetByRole(AriaRole.Button, new() { Name = "我们来认捐" }).ClickAsync();
        await Expect(page.GetByText("认捐已提交"));
        await Expect(page.Locator(".card", new() { HasText = "学校礼堂，周六全天" }).GetByText("已认捐，等待确认"));

        // Staff accept it on the same board.
        var staffPage = await SignedInPageAsync(staff.Phone);
        await staffPage.GotoAsync(new Uri(Web, "/partner/needs").ToString());
        var pledge = staffPage.Locator(".card", new() { HasText = "学校礼堂，周六全天" });
        await pledge.GetByRole(AriaRole.Button, new() { Name = "接受认捐" }).ClickAsync();
        await Expect(staffPage.GetByText("已接受认捐。"));

        // The grid worker's equipment page: items with where they stand, and an overdue list.
        var worker = await fixture.SignedInAsync("网格员小邹", Roles.GridWorker);
        var label = $"助行器 {Guid.NewGuid():N}"[..12];
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/grid/equipment", new { kind = "walker", label })).StatusCode);
        var workerPage = await SignedInPageAsync(worker.Phone);
        await workerPage.GotoAsync(new Uri(Web, "/grid/equipment").ToString());
        await Expect(workerPage.Locator(".card", new() { HasText = label }).GetByText("可借"));
        await AxeAsync(workerPage, "equipment");
    }

    [Fact]
    public async Task A_resident_downloads_her_data_and_then_erases_it_with_her_password_and_is_signed_out()
    {
        var resident = await fixture.SignedInAsync("秦阿姨", Roles.Resident);
        var page = await SignedInPageAsync(resident.Phone);
        await page.GotoAsync(new Uri(Web, "/my/data").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "注销账号并删除我的信息" }));
        await AxeAsync(page, "my-data");

        // The download is the gateway's export of her own data, as a file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载我的数据" }).ClickAsync());
        Assert.StartsWith("my-data-", download.SuggestedFilename);
        using (var export = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
        {
            Assert.Equal(resident.AccountId, export.RootElement.GetProperty("services").GetProperty("identity").GetProperty("id").GetGuid());
        }

        // A wrong password erases nothing and says which field; the right one closes the account and ends the session.
        await page.GetByLabel("请再输入一次密码确认").FillAsync("not her password");
        await page.GetByRole(AriaRole.Button, new() { Name = "注销并删除我的信息" }).ClickAsync();
        await Expect(page.Locator("#password-error"));
        await page.GetByLabel("请再输入一次密码确认").FillAsync(People.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注销并删除我的信息" }).ClickAsync();
        await Expect(page.GetByText("您的账号已注销"));
        await AxeAsync(page, "my-data-erased");
        await page.GotoAsync(new Uri(Web, "/my/data").ToString());
        await Expect(page.GetByLabel("手机号"));
    }

    [Fact]
    public async Task Station_staff_plan_a_weekly_class_from_the_schedule_page_move_one_session_and_cancel_another()
    {
        var staff = await fixture.SignedInAsync("服务站小周", Roles.StationStaff);
        // Digits sort before Chinese: the new room is near the top of the venue list.
        var room = $"1号活动室 {Guid.NewGuid():N}"[..14];
        var title = $"剪纸课 {Guid.NewGuid():N}"[..10];
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(21);

        // The room first, on the venues page: a capacity left out is refused beside it, then it is added.
        var page = await SignedInPageAsync(staff.Phone);
        await page.GotoAsync(new Uri(Web, "/station/venues").ToString());
        await page.GetByLabel("场地名称").FillAsync(room);
        await page.GetByRole(AriaRole.Button, new() { Name = "新增场地" }).ClickAsync();
        await Expect(page.Locator("#capacity-error"));
        Assert.Equal(room, await page.GetByLabel("场地名称").InputValueAsync());
        await page.GetByLabel("可容纳人数").FillAsync("40");
        await page.GetByLabel("无台阶（轮椅可以进出）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "新增场地" }).ClickAsync();
        await Expect(page.GetByText($"已新增场地「{room}」。"));
        var roomRow = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = room }) });
        Assert.Contains("轮椅可进", await roomRow.InnerTextAsync());
        var calendar = await roomRow.GetByRole(AriaRole.Link, new() { Name = $"订阅「{room}」的活动日历" }).GetAttributeAsync("href");
        await AxeAsync(page, "venues");

        await page.GotoAsync(new Uri(Web, "/station/schedule").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "活动排期", Level = 1 }));
        await AxeAsync(page, "schedule");

        // A class with no name is refused, the reason beside the field, and what was typed stays.
        var create = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "建立活动" }) });
        await create.GetByLabel("主办方").FillAsync("剪纸协会");
        await create.GetByRole(AriaRole.Button, new() { Name = "建立活动" }).ClickAsync();
        await Expect(page.Locator("#title-error"));
        Assert.Equal("剪纸协会", await create.GetByLabel("主办方").InputValueAsync());

        // Two Mondays at nine, three weeks from now.
        await create.GetByLabel("活动名称").FillAsync(title);
        await create.GetByLabel("活动类别").SelectOptionAsync(new SelectOptionValue { Label = "兴趣课堂" });
        await create.GetByLabel("面向人群").SelectOptionAsync(new SelectOptionValue { Label = "老年人（60 岁以上）" });
        await create.GetByLabel("场地").SelectOptionAsync(new SelectOptionValue { Label = $"{room}（可容纳 40 人）" });
        await create.GetByLabel("名额").FillAsync("15");
        await create.GetByLabel("第一场的开始时间").FillAsync($"{monday.AddHours(9):yyyy-MM-ddTHH:mm}");
        await create.GetByLabel("时长（分钟）").FillAsync("90");
        await create.GetByLabel("每周一场，共几场").FillAsync("2");
        await create.GetByRole(AriaRole.Button, new() { Name = "建立活动" }).ClickAsync();
        await Expect(page.GetByText($"已建立「{title}」，共 2 场。"));

        // The first moves to the afternoon; the second is cancelled with a reason.
        await page.GotoAsync(new Uri(Web, "/station/schedule?week=3").ToString());
        var first = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await first.Locator("summary").ClickAsync();
        await first.GetByLabel("新的开始时间").FillAsync($"{monday.AddHours(14):yyyy-MM-ddTHH:mm}");
        await first.GetByRole(AriaRole.Button, new() { Name = "改到这个时间" }).ClickAsync();
        await Expect(page.GetByText("已改时间"));
        await AxeAsync(page, "schedule-moved");
        await page.GotoAsync(new Uri(Web, "/station/schedule?week=4").ToString());
        var second = page.Locator(".card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await second.Locator("summary").ClickAsync();
        // A colleague has the same week open in another tab, drawn before the cancellation.
        var colleague = await page.Context.NewPageAsync();
        await colleague.GotoAsync(new Uri(Web, "/station/schedule?week=4").ToString());
        var stale = colleague.Locator(".card", new() { Has = colleague.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await stale.Locator("summary").ClickAsync();
        await second.GetByLabel("取消的原因（会告诉报名的人活动取消了）").FillAsync("老师生病");
        await second.GetByRole(AriaRole.Button, new() { Name = "取消这场活动" }).ClickAsync();
        await Expect(page.GetByText("已取消"));

        // Their cancel is of a session no longer on the page: the page is drawn again and says so (not a bare 400).
        await stale.GetByLabel("取消的原因（会告诉报名的人活动取消了）").FillAsync("场地有冲突");
        await stale.GetByRole(AriaRole.Button, new() { Name = "取消这场活动" }).ClickAsync();
        await Expect(colleague.GetByText("这个页面在您打开之后有了变化"));
        await Expect(colleague.GetByRole(AriaRole.Heading, new() { Name = "活动排期", Level = 1 }));
        Assert.Contains("changed=1", colleague.Url, StringComparison.Ordinal);
        await AxeAsync(colleague, "schedule-changed");

        // What the services hold: one session left, on the first Monday at two.
        var from = new DateTimeOffset(monday, TimeSpan.FromHours(8));
        var sessions = await staff.Client.GetFromJsonAsync<JsonElement>(
            $"/api/activities/sessions?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(from.AddDays(14).ToString("O"))}&pageSize=100");
        var kept = Assert.Single(sessions.GetProperty("items").EnumerateArray(), s => s.GetProperty("title").GetString() == title);
        Assert.Equal(from.AddHours(14), kept.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(15, kept.GetProperty("capacity").GetInt32());

        // The room's calendar feed, as a calendar app would subscribe to it from the venues page (no sign-in), read
        // with an iCalendar parser: the moved session at two; the cancelled one is not on offer.
        using var anonymous = new HttpClient();
        var feed = await Community.Services.Activities.Tests.IcalJs.ParseAsync(await anonymous.GetStringAsync(calendar));
        var events = feed.Events.Where(e => e.Summary?.Contains(title, StringComparison.Ordinal) == true).ToList();
        Assert.Contains(events, e => e.StartUtc == from.AddHours(14) && e.Status != "CANCELLED");
        Assert.DoesNotContain(events, e => e.StartUtc == from.AddDays(7).AddHours(9) && e.Status != "CANCELLED");
    }

    [Fact]
    public async Task Station_staff_open_an_account_for_an_elder_without_a_smartphone_hand_her_the_code_and_change_her_roles()
    {
        var staff = await fixture.SignedInAsync("服务站小吴", Roles.StationStaff);
        var phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}";
        var page = await SignedInPageAsync(staff.Phone);
        await page.GotoAsync(new Uri(Web, "/station/accounts").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "账号管理", Level = 1 }));
        await AxeAsync(page, "accounts");

        // A number that is not a mobile one is refused beside the field, and the name stays.
        var create = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "开账号并生成开通码" }) });
        await create.GetByLabel("姓名").FillAsync("钱阿婆");
        await create.GetByLabel("手机号").FillAsync("12345");
        await create.GetByRole(AriaRole.Button, new() { Name = "开账号并生成开通码" }).ClickAsync();
        await Expect(page.Locator("#phone-error"));
        Assert.Equal("钱阿婆", await create.GetByLabel("姓名").InputValueAsync());

        // Her account, and the code to hand her on paper; with it she sets her own password.
        await create.GetByLabel("手机号").FillAsync(phone);
        await create.GetByRole(AriaRole.Button, new() { Name = "开账号并生成开通码" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "钱阿婆 的开通码" }));
        var code = (await page.Locator(".code").InnerTextAsync()).Trim();
        await AxeAsync(page, "accounts-code");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Anonymous().PostAsJsonAsync("/api/identity/accounts/activate",
            new { phone, code, password = "钱阿婆的新密码2026" })).StatusCode);

        // She joins the volunteers (a reason is kept), then her account is paused.
        var card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "钱阿婆" }) }).First;
        await card.Locator("summary").ClickAsync();
        await card.GetByLabel("增加身份").SelectOptionAsync(new SelectOptionValue { Label = "志愿者" });
        await card.GetByLabel("原因（会记入账号的身份记录）").FillAsync("报名了社区志愿者");
        await card.GetByRole(AriaRole.Button, new() { Name = "增加", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已保存。"));
        card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "钱阿婆" }) }).First;
        Assert.Contains("志愿者", await card.InnerTextAsync());
        await card.Locator("summary").ClickAsync();
        await card.GetByLabel("停用的原因").FillAsync("家属要求暂停");
        await card.GetByRole(AriaRole.Button, new() { Name = "停用这个账号" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "钱阿婆 （已停用）" }));

        var accounts = await staff.Client.GetFromJsonAsync<JsonElement>("/api/identity/accounts?pageSize=50");
        var hers = accounts.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("displayName").GetString() == "钱阿婆" && a.GetProperty("disabled").GetBoolean());
        Assert.Equal(["resident", "volunteer"], hers.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_partner_registers_a_webhook_on_the_page_keeps_the_secret_shown_once_sees_each_attempt_and_asks_for_a_redelivery()
    {
        var staff = await fixture.SignedInAsync("服务站小冯", Roles.StationStaff);
        var organisation = (await (await staff.Client.PostAsJsonAsync("/api/partners/organisations", new
        {
            name = $"康复器材公司{Guid.NewGuid():N}"[..14], kind = "company", contactName = "冯经理", contactPhone = "13912345678",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsync($"/api/partners/organisations/{organisation}/approve", null)).StatusCode);
        var partner = await fixture.SignedInAsync("冯经理", Roles.Partner);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.Client.PutAsync($"/api/partners/organisations/{organisation}/members/{partner.AccountId}", null)).StatusCode);
        await using var receiver = await WebhookReceiver.StartAsync();

        var page = await SignedInPageAsync(partner.Phone);
        await page.GotoAsync(new Uri(Web, "/partner/webhooks").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "事件推送（Webhook）", Level = 1 }));
        await AxeAsync(page, "webhooks");

        // No event chosen: refused beside the list, the address kept.
        await page.GetByLabel("接收地址（https://…）").FillAsync(receiver.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator("#types-error"));
        Assert.Equal(receiver.Url, await page.GetByLabel("接收地址（https://…）").InputValueAsync());

        // Activities scheduled: the secret is shown once, and it is the one deliveries are signed with.
        await page.GetByLabel("活动已安排").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "签名密钥" }));
        var secret = (await page.Locator(".secret code").InnerTextAsync()).Trim();
        await AxeAsync(page, "webhooks-secret");
        var title = $"书画展 {Guid.NewGuid():N}"[..10];
        // (The event's JSON escapes Chinese: it is found by the session's id.)
        var session = (await SessionAsync(staff.Client, title)).ToString();
        var delivery = await Eventually.Get(async () =>
        {
            await Task.Yield();
            return receiver.Received.FirstOrDefault(d => d.Body.Contains(session, StringComparison.Ordinal));
        }, TimeSpan.FromSeconds(60), "the scheduled activity at the partner's endpoint");
        Assert.True(WebhookReceiver.Verifies(delivery, secret), "the delivery verifies with the secret the page showed");

        // Each attempt is on the page (found by the event id the partner received); she asks for that event again.
        var row = page.Locator("tbody tr", new() { HasText = delivery.Id[..8] });
        await Eventually.True(async () =>
        {
            await page.ReloadAsync();
            return await row.CountAsync() == 1 && (await row.InnerTextAsync()).Contains("已送达", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "the delivery shown as delivered");
        Assert.Contains(" 200 ", await row.InnerTextAsync());
        await AxeAsync(page, "webhooks-deliveries");
        await row.GetByRole(AriaRole.Button, new() { Name = "再推送一次" }).ClickAsync();
        await Expect(page.GetByText("已安排再推送一次。"));
        await Eventually.True(async () =>
        {
            await Task.Yield();
            return receiver.Received.Count(d => d.Body.Contains(session, StringComparison.Ordinal)) >= 2;
        }, TimeSpan.FromSeconds(60), "the redelivery");
        Assert.Single(receiver.Received.Where(d => d.Body.Contains(session, StringComparison.Ordinal)).Select(d => d.Id).Distinct());
    }

    [Fact]
    public async Task A_grid_worker_sees_the_households_due_for_a_visit_and_records_one_with_a_need_that_becomes_a_request()
    {
        var staff = await fixture.SignedInAsync("服务站小孔", Roles.StationStaff);
        var worker = await fixture.SignedInAsync("网格员小孔", Roles.GridWorker);
        var (building, _) = await GridOfAsync(staff.Client, worker, "网格员小孔");
        var household = (await (await staff.Client.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "301" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await SignedInPageAsync(worker.Phone);
        var card = page.Locator("li.card", new() { HasText = "301" });
        await Eventually.True(async () =>
        {
            await page.GotoAsync(new Uri(Web, "/grid/visits").ToString());
            return await card.CountAsync() == 1;
        }, TimeSpan.FromSeconds(30), "the household due for its first visit");
        Assert.Contains("还没走访过", await card.InnerTextAsync());
        await AxeAsync(page, "visits");

        // He went (his own box is ticked), found a leaking pipe: the visit is kept and the need becomes a request.
        await card.Locator("summary").ClickAsync();
        Assert.True(await card.GetByLabel("网格员小孔").IsCheckedAsync());
        await card.GetByLabel("情况记录（选填）").FillAsync("老两口身体都好");
        await card.GetByLabel("发现的需求（选填，会生成一条诉求）").SelectOptionAsync(new SelectOptionValue { Label = "报修" });
        await card.GetByLabel("需求说明").FillAsync("厨房水管漏水");
        await card.GetByRole(AriaRole.Button, new() { Name = "保存走访记录" }).ClickAsync();
        await Expect(page.GetByText("走访已记录，并生成了 1 条诉求。"));
        Assert.Equal(0, await card.CountAsync());
        await AxeAsync(page, "visits-recorded");

        var visits = await staff.Client.GetFromJsonAsync<JsonElement[]>($"/api/grid/households/{household}/visits");
        var visit = Assert.Single(visits!);
        Assert.Equal("老两口身体都好", visit.GetProperty("note").GetString());
        Assert.Single(visit.GetProperty("requestIds").EnumerateArray());
    }

    [Fact]
    public async Task A_grid_worker_reads_her_grids_report_as_a_chart_and_downloads_it_and_staff_compare_the_grids()
    {
        var staff = await fixture.SignedInAsync("服务站小沈", Roles.StationStaff);
        var worker = await fixture.SignedInAsync("网格员小沈", Roles.GridWorker);
        var (building, grid) = await GridOfAsync(staff.Client, worker, "网格员小沈");
        var gridName = (await staff.Client.GetFromJsonAsync<JsonElement>($"/api/grid/grids/{grid}")).GetProperty("name").GetString()!;
        // Three repairs this month: one fixed, one closed without a fix, one still waiting; and a full bin.
        var ids = new List<Guid>();
        foreach (var (category, text) in new[] { ("repair", "楼道灯坏了"), ("repair", "门禁坏了"), ("repair", "水管漏水"), ("environment-garbage", "垃圾箱满了") })
        {
            var created = await staff.Client.PostAsJsonAsync("/api/grid/requests", new { category, priority = "normal", channel = "phone", buildingId = building, description = text });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        foreach (var (id, actions) in new[] { (ids[0], new object[] { new { action = "accept" }, new { action = "resolve", resolution = "换了灯泡" } }),
                     (ids[1], new object[] { new { action = "accept" }, new { action = "close-unresolved", reason = "需要业委会决定" } }) })
        {
            foreach (var action in actions)
            {
                Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsJsonAsync($"/api/grid/requests/{id}/transitions", action)).StatusCode);
            }
        }

        // Her own grid by default: the repairs row counts one done, one closed unresolved, one open.
        var page = await SignedInPageAsync(worker.Phone);
        await page.GotoAsync(new Uri(Web, "/station/reports").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "按类别和处理情况" }));
        var repairs = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "报修" }) });
        Assert.Equal(["报修", "1", "1", "1", "0", "3"], (await repairs.Locator("th, td").AllInnerTextsAsync()).Take(6).Select(t => t.Trim()));
        Assert.Equal(0, await page.GetByRole(AriaRole.Option, new() { Name = "整个社区" }).CountAsync());
        await AxeAsync(page, "reports-grid");

        // The same figures as a file, read back with a CSV parser (UTF-8 with its byte order mark, for Excel).
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载 CSV 表格" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes.Take(3));
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new MemoryStream(bytes), System.Text.Encoding.UTF8) { Delimiters = [","] };
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        Assert.Equal(["measure", "category", "status", "value"], rows[0]);
        Assert.Contains(rows, row => row.SequenceEqual(["requests", "repair", "closed-unresolved", "1"]));
        Assert.Contains(rows, row => row.SequenceEqual(["grid", "", "", grid.ToString()]));

        // In elder mode, a period the service refuses: the reason is beside the date, and the page still works.
        await page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已关闭" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已打开" }));
        await page.GotoAsync(new Uri(Web, $"/station/reports?from=2026-11-30&to=2026-11-01&grid={grid}").ToString());
        await Expect(page.Locator("#to-error"));
        Assert.Equal("结束日期不能早于开始日期，期间最长十年。", (await page.Locator("#to-error").InnerTextAsync()).Trim());
        await AxeAsync(page, "reports-refused");

        // Staff see the whole neighbourhood, with each grid's visit coverage beside the others.
        var staffPage = await SignedInPageAsync(staff.Phone);
        await staffPage.GotoAsync(new Uri(Web, "/station/reports").ToString());
        await Expect(staffPage.GetByRole(AriaRole.Heading, new() { Name = "各网格走访覆盖" }));
        await Expect(staffPage.GetByRole(AriaRole.Rowheader, new() { Name = gridName }));
        Assert.StartsWith("整个社区", await staffPage.GetByRole(AriaRole.Heading, new() { Level = 2 }).First.InnerTextAsync(), StringComparison.Ordinal);
        await AxeAsync(staffPage, "reports-neighbourhood");
    }

    [Fact]
    public async Task A_team_leader_signs_her_team_up_and_staff_fill_the_short_shift_from_the_suggested_volunteers()
    {
        var staff = await fixture.SignedInAsync("服务站小韦", Roles.StationStaff);
        var leader = await fixture.SignedInAsync("韦阿姨", Roles.Volunteer);
        var me = (await (await leader.Client.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "韦阿姨", phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "resident-volunteer", birthDate = "1965-04-01",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var member = (await (await staff.Client.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "韦叔叔", phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "resident-volunteer", birthDate = "1963-02-01",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var teamName = $"韦家小分队 {Guid.NewGuid():N}"[..12];
        var team = (await (await staff.Client.PostAsJsonAsync("/api/volunteers/teams", new { name = teamName, leaderIds = new[] { me } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync($"/api/volunteers/teams/{team}/members", new { volunteerId = member })).StatusCode);
        // A skill nobody else in the shared system has, and an adult who has it and is free then: the matcher ranks her first.
        var skill = $"elder-visit-{Guid.NewGuid():N}"[..24];
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/volunteers/skills", new { code = skill, name = "陪老人聊天" })).StatusCode);
        var title = $"敬老院探访 {Guid.NewGuid():N}"[..11];
        var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date.AddDays(4);
        var starts = new DateTimeOffset(day.AddHours(10), TimeSpan.FromHours(8));
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = "卫大姐", phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "resident-volunteer", birthDate = "1970-06-01",
            skills = new[] { skill }, availability = new[] { new { day = day.DayOfWeek.ToString().ToLowerInvariant(), from = "09:00", to = "13:00" } },
        })).StatusCode);
        var opportunity = await (await staff.Client.PostAsJsonAsync("/api/volunteers/opportunities", new
        {
            title, skill, shifts = new[] { new { startsAt = starts, endsAt = starts.AddHours(2), place = "敬老院", minVolunteers = 3, maxVolunteers = 5 } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var shift = opportunity.GetProperty("shifts")[0].GetProperty("id").GetGuid();

        // The leader signs her team of two up from her own page: both go.
        var page = await SignedInPageAsync(leader.Phone);
        await page.GotoAsync(new Uri(Web, "/volunteer").ToString());
        var card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await card.GetByRole(AriaRole.Button, new() { Name = $"「{teamName}」全队报名（2 人）：{title}" }).ClickAsync();
        await Expect(page.GetByText($"「{teamName}」已全队报名。"));
        await AxeAsync(page, "volunteer-team");

        // Still one short: staff see it among the short shifts, 卫大姐 suggested first with why, and assign her.
        var staffPage = await SignedInPageAsync(staff.Phone);
        await staffPage.GotoAsync(new Uri(Web, "/station/staffing").ToString());
        var shortCard = staffPage.Locator("li.card", new() { Has = staffPage.GetByRole(AriaRole.Heading, new() { Name = title }) });
        await Expect(shortCard);
        Assert.Contains("已安排 2 人，至少需要 3 人，还差 1 人", await shortCard.InnerTextAsync());
        var first = shortCard.Locator(".plain > li").First;
        Assert.Contains("卫大姐", await first.InnerTextAsync());
        Assert.Contains("有所需的技能，通常这个时间有空", await first.InnerTextAsync());
        await AxeAsync(staffPage, "staffing");
        const string name = "卫大姐";
        await shortCard.GetByRole(AriaRole.Button, new() { Name = $"安排{name}" }).ClickAsync();
        await Expect(staffPage.GetByText($"已安排{name}。"));

        // Staffed now: it has left the short list for the table of the others.
        Assert.Equal(0, await shortCard.CountAsync());
        await Expect(staffPage.GetByRole(AriaRole.Rowheader, new() { Name = title }));
        var roster = await staff.Client.GetFromJsonAsync<JsonElement[]>($"/api/volunteers/shifts/{shift}/roster");
        Assert.Equal(3, roster!.Length);
        Assert.Contains(roster, r => r.GetProperty("displayName").GetString() == name);
    }

    [Fact]
    public async Task A_resident_finds_what_is_on_within_a_fifteen_minute_walk_and_weeks_ahead_and_registers_her_husband()
    {
        var staff = await fixture.SignedInAsync("服务站小郑", Roles.StationStaff);
        var resident = await fixture.SignedInAsync("郑阿姨", Roles.Resident);
        // Her building, and two venues: one 267 m up the road (4 minutes at an elder's pace), one 3.3 km away.
        var building = (await (await staff.Client.PostAsJsonAsync("/api/grid/buildings", new
        {
            compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6, latitude = 31.2801, longitude = 121.4302,
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.Client.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "502" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = (await (await staff.Client.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "郑阿姨", birthYear = 1950 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.PutAsJsonAsync($"/api/grid/residents/{record}/account", new { accountId = resident.AccountId })).StatusCode);
        var near = await VenueAsync(staff.Client, 31.2825, 121.4302);
        var far = await VenueAsync(staff.Client, 31.3100, 121.4302);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var soon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(50), shanghai);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).Date;
        var inTwoWeeks = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(14 + 2).AddHours(10);
        var (nearby, distant, later) = ($"健身操 {Guid.NewGuid():N}"[..10], $"书法课 {Guid.NewGuid():N}"[..10], $"合唱团 {Guid.NewGuid():N}"[..10]);
        var nearbySession = await SeriesAtAsync(staff.Client, nearby, near, soon.DateTime);
        await SeriesAtAsync(staff.Client, distant, far, soon.DateTime);
        await SeriesAtAsync(staff.Client, later, near, inTwoWeeks);

        // Near home: the class up the road with its walk, not the one across the river.
        var page = await SignedInPageAsync(resident.Phone);
        await page.GotoAsync(new Uri(Web, "/?near=1").ToString());
        var card = page.Locator("li.card", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = nearby }) });
        await Expect(card);
        Assert.Contains("步行约 4 分钟", await card.InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = distant }).CountAsync());
        await AxeAsync(page, "home-near");

        // By week: two weeks ahead, the choir; back a week from there.
        await page.GotoAsync(new Uri(Web, "/?week=2").ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = later }));
        Assert.Equal(1, await page.GetByRole(AriaRole.Link, new() { Name = "上一周" }).CountAsync());
        await AxeAsync(page, "home-week-2");

        // Her husband has no account: she registers him by name; a name left out is asked for, not taken as hers.
        await page.GotoAsync(new Uri(Web, $"/sessions/{nearbySession}").ToString());
        await page.Locator("summary", new() { HasText = "为家人报名" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "为这位家人报名" }).ClickAsync();
        await Expect(page.Locator("#participantName-error"));
        Assert.Equal("这一项必须填写。", (await page.Locator("#participantName-error").InnerTextAsync()).Trim());
        await page.GetByLabel("家人的姓名").FillAsync("郑叔叔");
        await page.GetByLabel("出生年份（例如 1948）").FillAsync("1947");
        await page.GetByRole(AriaRole.Button, new() { Name = "为这位家人报名" }).ClickAsync();
        await Expect(page.GetByText("已为 郑叔叔 报名。"));
        await Expect(page.GetByText("剩余名额 19 个"));
        Assert.Matches("^[2-9A-Z]{6}$", (await page.Locator(".code").InnerTextAsync()).Trim());
        await AxeAsync(page, "session-family");
        var mine = await resident.Client.GetFromJsonAsync<JsonElement>("/api/activities/registrations/mine");
        var his = Assert.Single(mine.GetProperty("items").EnumerateArray(), r => r.GetProperty("participantName").GetString() == "郑叔叔");
        Assert.True(his.GetProperty("onBehalf").GetBoolean());

        // Someone whose home the platform does not know is told so, not shown an empty circle.
        var staffPage = await SignedInPageAsync(staff.Phone);
        await staffPage.GotoAsync(new Uri(Web, "/?near=1").ToString());
        await Expect(staffPage.GetByText("还不知道您家在哪栋楼"));
    }

    [Fact]
    public async Task Every_main_page_fits_a_200_percent_zoom_in_elder_mode_without_scrolling_sideways_and_starts_with_a_skip_link()
    {
        var staff = await fixture.SignedInAsync("服务站小冯", Roles.StationStaff);
        var page = await SignedInPageAsync(staff.Phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已关闭" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "大字模式：已打开" }));
        // A 1280-pixel screen at 200 % zoom leaves 640 CSS pixels.
        await page.SetViewportSizeAsync(640, 900);
        var overflowing = new List<string>();
        foreach (var path in new[]
                 {
                     "/", "/?near=1", "/my/registrations", "/my/registrations?past=1", "/requests/mine", "/requests/new", "/my/notices", "/volunteer", "/my/data", "/cat-street",
                     "/partner/needs", "/station/schedule", "/station/venues", "/station/accounts", "/station/staffing", "/station/reports", "/on-behalf",
                     "/grid/visits", "/grid/requests", "/grid/call-list", "/grid/equipment",
                 })
        {
            await page.GotoAsync(new Uri(Web, path).ToString());
            await Expect(page.Locator("h1"));
            var (scroll, client) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("document.documentElement.clientWidth"));
            if (scroll > client)
            {
                overflowing.Add($"{path}: {scroll} > {client}");
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"zoom-{path.Trim('/').Replace('/', '-').Replace('?', '-').Replace('=', '-')}.png"), FullPage = true });
            }
        }

        Assert.True(overflowing.Count == 0, string.Join("\n", overflowing));

        // The keyboard's first stop is the way past the navigation to the page's content. (The answer says how long
        // the server took, for an operator's developer tools.)
        var answered = await page.GotoAsync(new Uri(Web, "/station/reports").ToString());
        Assert.Matches(@"^app;dur=\d+(\.\d)?$", (await answered!.AllHeadersAsync())["server-timing"]);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("跳到正文", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("#main", StringComparison.Ordinal), new() { Timeout = 5_000 });
        Assert.EndsWith("/station/reports#main", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Station_staff_move_a_frail_resident_up_the_waitlist_from_the_roster_with_a_reason()
    {
        var staff = await fixture.SignedInAsync("服务站小许", Roles.StationStaff);
        var venue = await VenueAsync(staff.Client, 31.28, 121.43);
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var created = await staff.Client.PostAsJsonAsync("/api/activities/series", new
        {
            title = $"理发服务 {Guid.NewGuid():N}"[..10], category = "fitness", audience = "everyone", organiser = "居委会",
            venueId = venue, capacity = 1, firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions")[0].GetProperty("id").GetGuid();
        // One place: 许阿姨 has it; 许老伯 and 许奶奶 wait, in that order (each registers from their own account).
        foreach (var name in new[] { "许阿姨", "许老伯", "许奶奶" })
        {
            var resident = await fixture.SignedInAsync(name, Roles.Resident);
            Assert.Equal(HttpStatusCode.Created, (await resident.Client.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations",
                new { participantName = name, birthYear = 1940 })).StatusCode);
        }

        var page = await SignedInPageAsync(staff.Phone);
        await page.GotoAsync(new Uri(Web, $"/sessions/{session}/roster").ToString());
        var grandma = page.Locator("li.card", new() { HasText = "许奶奶" });
        Assert.Contains("候补第 2 位", await grandma.InnerTextAsync());

        // Without a reason it is refused and says what is missing; with one, she waits first.
        await grandma.GetByLabel("移到候补第几位").FillAsync("1");
        await grandma.GetByRole(AriaRole.Button, new() { Name = "调整许奶奶的位置" }).ClickAsync();
        await Expect(page.GetByText("原因：这一项必须填写。"));
        grandma = page.Locator("li.card", new() { HasText = "许奶奶" });
        await grandma.GetByLabel("移到候补第几位").FillAsync("1");
        await grandma.GetByLabel("原因（会记录下来）").FillAsync("腿脚不便，不能久等");
        await grandma.GetByRole(AriaRole.Button, new() { Name = "调整许奶奶的位置" }).ClickAsync();
        await Expect(page.GetByText("许奶奶现在是候补第 1 位。"));
        Assert.Contains("候补第 1 位", await page.Locator("tr", new() { HasText = "许奶奶" }).InnerTextAsync());
        Assert.Contains("候补第 2 位", await page.Locator("tr", new() { HasText = "许老伯" }).InnerTextAsync());
        await AxeAsync(page, "roster-waitlist");
        var changes = await staff.Client.GetFromJsonAsync<JsonElement[]>($"/api/activities/sessions/{session}/waitlist-changes");
        Assert.Equal("腿脚不便，不能久等", Assert.Single(changes!).GetProperty("reason").GetString());
    }

    /// <summary>A signed-in person joins the volunteer registry herself: her record is linked to her account.</summary>
    private static async Task JoinsTheRegistryAsync(People.Person person, string name, string birthDate) =>
        Assert.Equal(HttpStatusCode.Created, (await person.Client.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = name, phone = $"135{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "resident-volunteer", birthDate,
        })).StatusCode);

    private static async Task<Guid> VenueAsync(HttpClient staff, double latitude, double longitude) =>
        (await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"活动点 {Guid.NewGuid():N}"[..20], capacity = 40, latitude, longitude }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private static async Task<Guid> SeriesAtAsync(HttpClient staff, string title, Guid venue, DateTime startsLocal)
    {
        var created = await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title, category = "fitness", audience = "everyone", organiser = "居委会",
            venueId = venue, capacity = 20, firstStartsAt = $"{startsLocal:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions")[0].GetProperty("id").GetGuid();
    }

    private async Task<IPage> SignedInPageAsync(string phone)
    {
        var context = await _browser.NewContextAsync(new() { Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Web.ToString());
        // Not signed in: the web app sends the browser to the provider's sign-in page, through the gateway.
        await page.GetByLabel("手机号").FillAsync(phone);
        await page.GetByLabel("密码").FillAsync(People.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // Back at the web app once the code is exchanged (its /signin-oidc answers with a redirect to the page): with the
        // whole system sharing two cores under the other tests that has taken over 30 s, so this waits for the address
        // to be a page of the app, then for the page's header, and says where the browser was if it never got there.
        // The address is read rather than awaited with WaitForURLAsync: when the browser is back before that call, Playwright
        // waits for a load state of the page already shown, which may never come again (a CI run timed out on a page
        // that was signed in and drawn).
        var web = Web.ToString().TrimEnd('/');
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(page.Url.StartsWith(web, StringComparison.Ordinal) && !page.Url.Contains("/signin-oidc", StringComparison.Ordinal)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The browser did not reach a page of the web app within 60 s.");
                }

                await Task.Delay(100);
            }

            await page.Locator("header").WaitForAsync(new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no body)");
            throw new TimeoutException($"Signing in {phone} did not come back to the web app: the browser is at {page.Url}, showing: {text[..Math.Min(text.Length, 500)]}", ex);
        }

        return page;
    }

    [Fact]
    public async Task A_moved_session_reaches_her_open_inbox_live_through_the_gateway_and_stays_there_to_be_read()
    {
        var staff = await fixture.SignedInAsync("服务站小赵", Roles.StationStaff);
        var resident = await fixture.SignedInAsync("蒋阿姨", Roles.Resident);
        var title = $"书法课 {Guid.NewGuid():N}"[..9];
        var sessionId = await SessionAsync(staff.Client, title);
        await LinkToRecordAsync(staff.Client, resident.AccountId, "蒋阿姨", 1948);
        await Eventually.True(async () => (await resident.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { })).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30), "her registration (Activities learning her record first)");

        var page = await SignedInPageAsync(resident.Phone);
        await page.GotoAsync(new Uri(Web, "/my/notices").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的消息", Level = 1 }));
        await page.Locator("#live-notices[data-connected='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        await AxeAsync(page, "notices");

        // Staff move the class; the notice (urgent: never held by quiet hours) appears on her open page. Notices may
        // learn of her registration after the first move, so staff move it again until it does.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var moves = 0;
        await Eventually.True(async () =>
        {
            var startsAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(2 + ++moves), shanghai);
            Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/move",
                new { startsAt = $"{startsAt:yyyy-MM-ddTHH:mm}", durationMinutes = 60 })).StatusCode);
            try
            {
                await page.Locator(".live-notice", new() { HasText = title }).First.WaitForAsync(new() { Timeout = 5_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(40), "the moved session's notice on her open page");
        Assert.Contains("活动改时间了", await page.Locator(".live-notice").First.InnerTextAsync());

        // It is in her inbox too: after a reload, unread, then read.
        await page.ReloadAsync();
        await Expect(page.Locator(".card.unread", new() { HasText = title }));
        await page.GetByRole(AriaRole.Button, new() { Name = "全部标为已读" }).ClickAsync();
        await Expect(page.GetByText("未读 0 条"));
        Assert.Equal(0, await page.Locator(".card.unread").CountAsync());
        await AxeAsync(page, "notices-read");

        // A long inbox is read a page (20) at a time: the class moved twenty times more, her second page holds the oldest.
        for (var more = 0; more < 20; more++)
        {
            var startsAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(30 + more), shanghai);
            Assert.Equal(HttpStatusCode.OK, (await staff.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/move",
                new { startsAt = $"{startsAt:yyyy-MM-ddTHH:mm}", durationMinutes = 60 })).StatusCode);
        }

        // Wait until every move's notice is in: more than twenty, and the same count a second later.
        var seen = -1;
        var total = (await Eventually.Get<int?>(async () =>
        {
            var inbox = await resident.Client.GetFromJsonAsync<JsonElement>("/api/notices/notices/mine?pageSize=1");
            var (count, before) = (inbox.GetProperty("total").GetInt32(), seen);
            seen = count;
            await Task.Delay(1000);
            return count > 20 && count == before ? count : null;
        }, TimeSpan.FromSeconds(60), "more than twenty notices, all arrived"))!.Value;
        await page.ReloadAsync();
        Assert.Equal(20, await page.Locator("#notice-list > li").CountAsync());
        await page.GetByRole(AriaRole.Navigation, new() { Name = "消息分页" }).GetByRole(AriaRole.Link, new() { Name = "下一页" }).ClickAsync();
        await Expect(page.GetByText($"第 2 页，共 {(total + 19) / 20} 页"));
        Assert.Equal(Math.Min(total - 20, 20), await page.Locator("#notice-list > li").CountAsync());
        await AxeAsync(page, "notices-page-2");
    }

    [Fact]
    public async Task An_elder_without_a_smartphone_is_offered_a_freed_place_through_her_grid_workers_call_list_and_he_accepts_it_for_her()
    {
        var staff = await fixture.SignedInAsync("服务站小韩", Roles.StationStaff);
        var worker = await fixture.SignedInAsync("网格员小韩", Roles.GridWorker);
        var holder = await fixture.SignedInAsync("杨阿姨", Roles.Resident);
        // His volunteer record, linked to his account, is the secretary of the grid her building is in.
        var (building, _) = await GridOfAsync(staff.Client, worker, "网格员小韩");
        // 韩奶奶 has a landline-style mobile her daughter set up, no app, no account; she agreed at the station that he may act for her.
        var household = (await (await staff.Client.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "302" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var phone = $"139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var elder = (await (await staff.Client.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name = "韩奶奶", birthYear = 1939, phone }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await staff.Client.PostAsJsonAsync($"/api/grid/residents/{elder}/acting-consents", new
        {
            actorAccountId = worker.AccountId, purpose = "activities", givenHow = "在服务站当面同意", validUntil = DateTimeOffset.UtcNow.AddDays(90),
        })).StatusCode);

        // A class of one place: 杨阿姨 holds it, and he puts 韩奶奶 on the waitlist.
        var venue = await (await staff.Client.PostAsJsonAsync("/api/activities/venues", new { name = $"活动室 {Guid.NewGuid():N}"[..20], capacity = 10 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(2), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var title = $"合唱团 {Guid.NewGuid():N}"[..9];
        var series = await (await staff.Client.PostAsJsonAsync("/api/activities/series", new
        {
            title, category = "fitness", audience = "everyone", organiser = "居委会",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 1, firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        })).Content.ReadFromJsonAsync<JsonElement>();
        var sessionId = series.GetProperty("sessions")[0].GetProperty("id").GetGuid();
        var place = await (await holder.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { participantName = "杨阿姨" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var waiting = await Eventually.Get(async () =>
        {
            var response = await worker.Client.PostAsJsonAsync($"/api/activities/sessions/{sessionId}/registrations", new { residentId = elder });
            return response.StatusCode == HttpStatusCode.Created ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, TimeSpan.FromSeconds(30), "Activities to know her record and her consent");
        Assert.Equal("waitlisted", waiting!.Value.GetProperty("status").GetString());

        // 杨阿姨 cancels: the place is offered to 韩奶奶, and the offer lands on his call list with her phone number.
        Assert.Equal(HttpStatusCode.OK, (await holder.Client.PostAsJsonAsync($"/api/activities/registrations/{place.GetProperty("id")}/cancel", new { })).StatusCode);
        var page = await SignedInPageAsync(worker.Phone);
        var card = page.Locator(".card", new() { HasText = "韩奶奶" });
        await Eventually.True(async () =>
        {
            await page.GotoAsync(new Uri(Web, "/grid/call-list").ToString());
            return await card.CountAsync() > 0;
        }, TimeSpan.FromSeconds(40), "the offer on his call list");
        Assert.Contains(phone, await card.First.InnerTextAsync());
        Assert.Contains(title, await card.First.InnerTextAsync());
        await AxeAsync(page, "call-list");

        // He phones her; she says yes; one button records the call and confirms the place for her.
        await card.First.GetByRole(AriaRole.Button, new() { Name = "电话里她同意参加：代为确认名额" }).ClickAsync();
        await Expect(page.GetByText("已记录电话通知，并代为确认名额。"));
        var registration = await worker.Client.GetFromJsonAsync<JsonElement>($"/api/activities/registrations/{waiting.Value.GetProperty("id")}");
        Assert.Equal("confirmed", registration.GetProperty("status").GetString());
        // The entry is handled (told, by phone, by him), so it leaves his open list; the record keeps how and when.
        var handled = await worker.Client.GetFromJsonAsync<JsonElement>("/api/notices/call-list?status=told");
        var entry = handled.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("residentId").GetGuid() == elder);
        Assert.Equal(("phone", "网格员小韩"), (entry.GetProperty("howTold").GetString(), entry.GetProperty("handledByName").GetString()));
        Assert.Equal(0, await page.Locator(".card", new() { HasText = "韩奶奶" }).CountAsync());
    }

    private static async Task Expect(ILocator locator) => await locator.First.WaitForAsync(new() { Timeout = 15_000 });

    /// <summary>axe-core on the page as it stands: no serious or critical violation; a screenshot for the reviewer.</summary>
    private static async Task AxeAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(bad.Count == 0, $"{name}: {string.Join("\n", bad)}");
    }

    /// <summary>Monday of the Shanghai week <paramref name="at"/> falls in, as the home page's weeks are counted.</summary>
    private static DateTime ShanghaiMonday(DateTimeOffset at)
    {
        var day = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date;
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static async Task<Guid> SessionAsync(HttpClient staff, string title)
    {
        var venue = await (await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"小广场 {Guid.NewGuid():N}"[..20], capacity = 40 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var starts = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(50), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var created = await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title, category = "fitness", audience = "everyone", organiser = "居委会",
            venueId = venue.GetProperty("id").GetGuid(), capacity = 20, firstStartsAt = $"{starts:yyyy-MM-ddTHH:mm}", durationMinutes = 60,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions")[0].GetProperty("id").GetGuid();
    }

    /// <summary>A new grid of one new building whose secretary is <paramref name="worker"/>'s volunteer record (linked to their account).</summary>
    private static async Task<(Guid Building, Guid Grid)> GridOfAsync(HttpClient staff, People.Person worker, string name)
    {
        var volunteer = (await (await staff.PostAsJsonAsync("/api/volunteers/volunteers", new
        {
            displayName = name, phone = $"137{Random.Shared.Next(10_000_000, 99_999_999)}", kind = "party-member",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/volunteers/volunteers/{volunteer}/account", new { accountId = worker.AccountId })).StatusCode);
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var grid = (await (await staff.PostAsJsonAsync("/api/grid/grids", new { name = $"第{Guid.NewGuid():N}"[..10] + "网格", buildingIds = new[] { building } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.True(async () => (await staff.PostAsJsonAsync($"/api/grid/grids/{grid}/team", new { volunteerId = volunteer, role = "secretary" })).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30), "Grid to know the worker's volunteer record");
        return (building, grid);
    }

    private static async Task<Guid> LinkToRecordAsync(HttpClient staff, Guid account, string name, int birthYear)
    {
        var building = (await (await staff.PostAsJsonAsync("/api/grid/buildings", new { compoundId = "0195a000-0000-7000-8000-000000000001", number = Unique.BuildingNumber(), floors = 6 }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var household = (await (await staff.PostAsJsonAsync("/api/grid/households", new { buildingId = building, unit = "201" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var record = (await (await staff.PostAsJsonAsync($"/api/grid/households/{household}/residents", new { name, birthYear }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/grid/residents/{record}/account", new { accountId = account })).StatusCode);
        return record;
    }
}
