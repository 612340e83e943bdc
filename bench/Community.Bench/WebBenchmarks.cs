using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Community.ServiceDefaults.Auth;
using Community.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Community.Bench;

/// <summary>
/// The web app as people meet it: time to the first render of the activities list and of the door's check-in
/// screen (server-rendered, through the gateway) with 20 people signed in at once, against the same data fetched
/// from the gateway's API in the same run; and 100 check-ins by code one after another through the door screen,
/// against the same through the API.
/// </summary>
internal static partial class WebBenchmarks
{
    public static async Task FirstRenderAndDoorAsync(SystemUnderTest system)
    {
        await system.App.ResourceNotifications.WaitForResourceHealthyAsync("web");
        var web = system.App.GetEndpoint("web", "http");
        var staffApi = await system.ClientAsync("gateway", Roles.StationStaff);

        // This week's calendar: ten sessions; two more within the hour for the door.
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai).Date;
        for (var i = 0; i < 10; i++)
        {
            await SeriesAsync(staffApi, today.AddDays(1 + (i % 5)).AddHours(9 + (i / 5) * 3), 30);
        }

        var doorSession = await SeriesAsync(staffApi, TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(30), shanghai).DateTime, 200);
        var apiSession = await SeriesAsync(staffApi, TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(35), shanghai).DateTime, 200);

        // Twenty residents signed in at the web app (the browser's flow: provider page, code, cookie).
        var residents = await system.SignInManyAsync(20, Roles.Resident);
        var pages = await Task.WhenAll(residents.Select(p => SignInAsync(web, p.Phone, People.Password)));
        var apis = residents.Select(p => system.Client("gateway", p.AccessToken)).ToArray();
        var staff = (await system.SignInManyAsync(1, Roles.StationStaff))[0];
        var staffPage = await SignInAsync(web, staff.Phone, People.Password);
        var staffToken = system.Client("gateway", staff.AccessToken);

        var next = 0;
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(7).ToString("O"));
        Func<Task<bool>> homePage = async () => (await pages[Interlocked.Increment(ref next) % pages.Length].GetAsync("/")).StatusCode == HttpStatusCode.OK;
        Func<Task<bool>> homeApi = async () => (await apis[Interlocked.Increment(ref next) % apis.Length]
            .GetAsync($"/api/activities/sessions?from={from}&to={to}&pageSize=100")).IsSuccessStatusCode;
        Func<Task<bool>> doorPage = async () => (await staffPage.GetAsync($"/door/{doorSession}")).StatusCode == HttpStatusCode.OK;
        Func<Task<bool>> doorApi = async () => (await staffToken.GetAsync($"/api/activities/sessions/{doorSession}")).IsSuccessStatusCode;
        if (!await homePage() || !await doorPage())
        {
            throw new InvalidOperationException("The web app did not render its pages for signed-in people.");
        }

        for (var round = 0; round < 2; round++)
        {
            await Load.SaturateAsync("warm-up page", homePage, 20, TimeSpan.FromSeconds(5));
            await Load.SaturateAsync("warm-up api", homeApi, 20, TimeSpan.FromSeconds(5));
        }

        var results = new List<LoadResult>
        {
            await Load.SaturateAsync("API: this week's sessions, 20 users", homeApi, 20, TimeSpan.FromSeconds(15)),
            await Load.SaturateAsync("Web: activities list page, 20 users", homePage, 20, TimeSpan.FromSeconds(15)),
            await Load.SaturateAsync("API: the session, 20 concurrent", doorApi, 20, TimeSpan.FromSeconds(10)),
            await Load.SaturateAsync("Web: check-in screen, 20 concurrent", doorPage, 20, TimeSpan.FromSeconds(10)),
        };
        Console.WriteLine();
        Console.WriteLine("First render, server-side, through the gateway (closed model, 20 at once; p99 bounds p95):");
        Load.Print(results);

        // A hundred people at the door, one after another, by the code on their card.
        var doorCodes = await RegisterAsync(staffApi, doorSession, 100);
        var apiCodes = await RegisterAsync(staffApi, apiSession, 100);
        var apiTime = TimeSpan.Zero;
        foreach (var code in apiCodes)
        {
            var clock = Stopwatch.StartNew();
            var response = await staffToken.PostAsJsonAsync($"/api/activities/sessions/{apiSession}/check-ins", new { code });
            apiTime += clock.Elapsed;
            response.EnsureSuccessStatusCode();
        }

        var webTime = TimeSpan.Zero;
        var formTime = TimeSpan.Zero;
        var serverTime = TimeSpan.Zero;
        foreach (var code in doorCodes)
        {
            var clock = Stopwatch.StartNew();
            var form = await staffPage.GetStringAsync($"/door/{doorSession}");
            formTime += clock.Elapsed;
            var token = Antiforgery().Match(form);
            clock.Restart();
            var answer = await staffPage.PostAsync($"/door/{doorSession}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
                ["_handler"] = "code",
                ["Code"] = code,
            }));
            webTime += clock.Elapsed;
            serverTime += ServerTime(answer);
            if (!WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()).Contains("签到成功", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The door screen did not check {code} in.");
            }
        }

        Console.WriteLine();
        Console.WriteLine("100 check-ins by code, one after another (wall time of the requests, client to gateway/web and back):");
        Console.WriteLine($"  API  (POST /check-ins):                   {apiTime.TotalSeconds:0.00} s");
        Console.WriteLine($"  Web  (POST the door form, page answered): {webTime.TotalSeconds:0.00} s   ratio {webTime / apiTime:0.00}");
        Console.WriteLine($"  Web  (plus loading the form each time):   {(webTime + formTime).TotalSeconds:0.00} s");
        Console.WriteLine($"  Web server time of the 100 posts (its Server-Timing, the gateway and Activities included): {serverTime.TotalSeconds:0.00} s");
    }

    /// <summary>The web app's own account of the time it took (Server-Timing: app;dur=…), zero when it gave none.</summary>
    private static TimeSpan ServerTime(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values)
        && values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).FirstOrDefault(v => v.StartsWith("app;dur=", StringComparison.Ordinal)) is { } app
        && double.TryParse(app["app;dur=".Length..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : TimeSpan.Zero;

    /// <summary>A resident's browser session at the web app: the provider's sign-in page, the code, the cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri web, string phone, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = true, MaxConnectionsPerServer = 16,
        })
        { BaseAddress = web, Timeout = TimeSpan.FromSeconds(30) };
        var signInPage = await client.GetAsync("/");
        var at = signInPage.RequestMessage!.RequestUri!;
        var html = await signInPage.Content.ReadAsStringAsync();
        var token = Antiforgery().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"Expected the provider's sign-in page at {at}.");
        }

        var afterSignIn = await client.PostAsync(at, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups["name"].Value] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["phone"] = phone,
            ["password"] = password,
            ["returnUrl"] = QueryHelpers.ParseQuery(at.Query)["ReturnUrl"].ToString(),
        }));
        // The provider answers the code in a self-posting form (response_mode=form_post): post it as a browser would.
        var post = await afterSignIn.Content.ReadAsStringAsync();
        if (FormAction().Match(post) is { Success: true } action)
        {
            var fields = HiddenInput().Matches(post).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            var done = await client.PostAsync(WebUtility.HtmlDecode(action.Groups["action"].Value), new FormUrlEncodedContent(fields));
            if (!done.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Posting the code back to the web app answered {(int)done.StatusCode} at {done.RequestMessage?.RequestUri}; " +
                    $"fields {string.Join(",", fields.Keys)}, action {action.Groups["action"].Value}\n{post[..Math.Min(post.Length, 1500)]}");
            }
        }

        return client;
    }

    /// <summary>A one-off session at a venue of its own (so none clash), starting at <paramref name="startsLocal"/> Shanghai time.</summary>
    private static async Task<Guid> SeriesAsync(HttpClient staff, DateTime startsLocal, int capacity)
    {
        var venueResponse = await staff.PostAsJsonAsync("/api/activities/venues", new { name = $"基准 {Guid.NewGuid():N}"[..20], capacity = 300 });
        venueResponse.EnsureSuccessStatusCode();
        var venue = (await venueResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = await staff.PostAsJsonAsync("/api/activities/series", new
        {
            title = $"基准活动 {Guid.NewGuid():N}"[..12], category = "fitness", audience = "everyone", organiser = "基准",
            venueId = venue, capacity, firstStartsAt = $"{startsLocal:yyyy-MM-ddTHH:mm}", durationMinutes = 45,
        });
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating a session at {startsLocal:yyyy-MM-ddTHH:mm}: {await created.Content.ReadAsStringAsync()}");
        }

        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessions")[0].GetProperty("id").GetGuid();
    }

    private static async Task<List<string>> RegisterAsync(HttpClient staff, Guid session, int count)
    {
        var codes = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var response = await staff.PostAsJsonAsync($"/api/activities/sessions/{session}/registrations", new { participantName = $"到场居民{i}", birthYear = 1950 });
            response.EnsureSuccessStatusCode();
            codes.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkInCode").GetString()!);
        }

        return codes;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("""<form[^>]*action="(?<action>[^"]+)"[^>]*>""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
