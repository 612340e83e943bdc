using System.Globalization;
using Community.Web.Components;
using Community.Web.Forms;
using Community.Web.Gateway;
using Community.Web.Notices;
using Community.Web.Reports;
using Community.Web.SignIn;
using Microsoft.AspNetCore.Localization;

namespace Community.Web;

/// <summary>The web app's parts: sign-in, the gateway client, Chinese text, elder mode, and the pages.</summary>
public static class WebModule
{
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<WebOptions>(builder.Configuration.GetSection(WebOptions.Section));
        var gateway = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>()?.Gateway ?? "http://gateway";
        builder.Services.AddHttpClient<GatewayClient>(http => http.BaseAddress = new Uri(gateway));
        builder.AddWebSignIn();
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.UseServerTiming();
        var chinese = new CultureInfo("zh-CN");
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(chinese),
            SupportedCultures = [chinese],
            SupportedUICultures = [chinese],
        });
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseStaleFormsRedirect();

        app.MapHealthEndpoints();
        app.MapWebSignIn();
        app.MapElderMode();
        app.MapLiveNotices();
        app.MapReportDownload();
        // The volunteer's printable certificate, as the Volunteers service renders it, fetched with the person's token.
        // ?for= a child's certificate, for their guardian (the service decides who may read it).
        app.MapGet("/volunteer/certificate", async (string? @for, GatewayClient gateway, CancellationToken cancellationToken) =>
        {
            Guid? whose = Guid.TryParse(@for, out var child) ? child : null;
            if (whose is null && !string.IsNullOrEmpty(@for))
            {
                // A mangled address is not read as "my own certificate".
                return Results.Redirect("/volunteer");
            }

            if (whose is null)
            {
                var me = await gateway.GetAsync<VolunteerView>("/api/volunteers/volunteers/me", cancellationToken);
                whose = me.Value?.Id;
            }

            if (whose is not { } volunteer)
            {
                return Results.Redirect("/volunteer");
            }

            var page = await gateway.GetTextAsync($"/api/volunteers/volunteers/{volunteer}/certificate", cancellationToken);
            return page.Value is { } html ? Results.Content(html, "text/html; charset=utf-8") : Results.Redirect("/volunteer");
        }).RequireAuthorization();
        // Everything the platform holds about the person, as the gateway joins it, handed over as a file.
        app.MapGet("/my/data/download", async (GatewayClient gateway, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        {
            var export = await gateway.GetTextAsync("/api/my-data", cancellationToken);
            if (export.Value is not { } json)
            {
                return Results.Redirect("/my/data?export=failed");
            }

            context.Response.Headers.ContentDisposition = $"attachment; filename=\"my-data-{time.GetUtcNow():yyyy-MM-dd}.json\"";
            return Results.Content(json, "application/json; charset=utf-8");
        }).RequireAuthorization();
        // Every page is someone's: without a session the person is sent to sign in and comes back to the same page.
        app.MapRazorComponents<App>().RequireAuthorization();
        return app;
    }
}
