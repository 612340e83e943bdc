using Community.ServiceDefaults.Http;
using Community.Web.Gateway;

namespace Community.Web;

/// <summary>
/// Elder mode (大字模式): larger text, more space, stronger contrast, bigger buttons. One switch, remembered by
/// this browser for a year and by the person's account (the identity provider keeps it), so it follows them to
/// any browser they sign in on. An account that never chose leaves each browser's own setting alone.
/// </summary>
public static class ElderMode
{
    public const string Cookie = "elder";
    public const string TogglePath = "/settings/elder";
    public const string PreferencesPath = "/api/identity/accounts/me/preferences";

    private static readonly TimeSpan AdoptWithin = TimeSpan.FromSeconds(10);

    public static bool IsOn(HttpContext? context) => context?.Request.Cookies[Cookie] == "1";

    public static IEndpointRouteBuilder MapElderMode(this IEndpointRouteBuilder app)
    {
        app.MapPost(TogglePath, async (HttpContext context, GatewayClient gateway, ILoggerFactory logs,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl, CancellationToken cancellationToken) =>
        {
            var on = !IsOn(context);
            Remember(context.Response, on);
            // The account too; if the provider cannot be reached this browser still switches, and says nothing more.
            var saved = await gateway.PutAsync<Preferences>(PreferencesPath, new Preferences(on), cancellationToken);
            if (saved.Problem is { } problem)
            {
                logs.CreateLogger(typeof(ElderMode)).LogWarning("Elder mode switched in this browser only: the account's preference was not saved ({Status})", problem.Status);
            }

            return Results.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();
        return app;
    }

    /// <summary>At sign-in: the account's choice, where it made one, becomes this browser's.</summary>
    public static async Task AdoptAccountChoiceAsync(HttpContext context, string? accessToken)
    {
        if (accessToken is null)
        {
            return;
        }

        // A nicety, never a reason to hold up signing in for long: ten seconds at most, and the browser's own setting otherwise.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(AdoptWithin);
        try
        {
            var gateway = context.RequestServices.GetRequiredService<GatewayClient>();
            var preferences = await gateway.GetAsync<Preferences>(PreferencesPath, accessToken, limit.Token);
            if (preferences.Value?.LargeText is { } on)
            {
                Remember(context.Response, on);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ElderMode))
                .LogWarning("The account's elder-mode choice was not read within {Seconds} s at sign-in; this browser keeps its own", AdoptWithin.TotalSeconds);
        }
    }

    private static void Remember(HttpResponse response, bool on) => response.Cookies.Append(Cookie, on ? "1" : "0", new CookieOptions
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true,
    });

    /// <param name="LargeText">Null: the person never chose.</param>
    private sealed record Preferences(bool? LargeText);
}

/// <summary>Times as people here read them: Asia/Shanghai.</summary>
public static class Shanghai
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant a Shanghai wall-clock time stands for.</summary>
    public static DateTimeOffset Instant(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    /// <summary>Monday of this week in Shanghai, or of the week <paramref name="weeksAway"/> weeks from it.</summary>
    public static DateTime WeekStart(int weeksAway = 0)
    {
        var today = Local(DateTimeOffset.UtcNow).Date;
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(7 * weeksAway);
    }

    public static string Show(DateTimeOffset instant) => Local(instant).ToString("M月d日 dddd HH:mm", new System.Globalization.CultureInfo("zh-CN"));
}
