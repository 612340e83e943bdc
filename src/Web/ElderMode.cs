namespace Community.Web;

/// <summary>
/// Elder mode (大字模式): larger text, more space, stronger contrast, bigger buttons. One switch, remembered by
/// this browser for a year.
/// </summary>
public static class ElderMode
{
    public const string Cookie = "elder";
    public const string TogglePath = "/settings/elder";

    public static bool IsOn(HttpContext? context) => context?.Request.Cookies[Cookie] == "1";

    public static IEndpointRouteBuilder MapElderMode(this IEndpointRouteBuilder app)
    {
        app.MapPost(TogglePath, (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            var on = !IsOn(context);
            context.Response.Cookies.Append(Cookie, on ? "1" : "0", new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true,
            });
            return Results.LocalRedirect(SignIn.WebSignIn.IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();
        return app;
    }
}

/// <summary>Times as people here read them: Asia/Shanghai.</summary>
public static class Shanghai
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant a Shanghai wall-clock time stands for.</summary>
    public static DateTimeOffset Instant(DateTime local) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));

    public static string Show(DateTimeOffset instant) => Local(instant).ToString("M月d日 dddd HH:mm", new System.Globalization.CultureInfo("zh-CN"));
}
