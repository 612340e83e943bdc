using System.Net;
using Community.Identity.Accounts;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Identity.SignIn;

/// <summary>
/// The one page of the provider that people see: a phone number and a password, in large plain Chinese. It
/// sets the provider's own cookie and goes back to the authorize request that sent the person here.
/// </summary>
public static partial class SignInPage
{
    public const string Path = "/account/signin";

    public static IEndpointRouteBuilder MapSignInPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        page.MapGet(Path, Show);
        page.MapPost(Path, SubmitAsync);
        return app;
    }

    private static IResult Show(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        Render(context, antiforgery, returnUrl, phone: null, error: null, StatusCodes.Status200OK);

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<Account> signIn, ILoggerFactory loggers,
        [FromForm] string? phone, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var logger = loggers.CreateLogger(typeof(SignInPage));
        try
        {
            return await SignInAsync(context, antiforgery, signIn, logger, phone, password, returnUrl);
        }
        catch (Exception exception) when (Community.Persistence.DatabaseUnavailableHandler.IsUnavailable(exception))
        {
            // The accounts database is down: the person sees the page again, in words, and may try later.
            LogUnavailable(logger, exception.GetBaseException().Message);
            context.Response.Headers.RetryAfter = Community.Persistence.DatabaseUnavailableHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Render(context, antiforgery, returnUrl, phone, SignInText.Unavailable, StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<Account> signIn, ILogger logger, string? phone, string? password, string? returnUrl)
    {
        var account = string.IsNullOrWhiteSpace(phone) ? null : await signIn.UserManager.FindByNameAsync(phone.Trim());
        if (account is null || string.IsNullOrEmpty(password))
        {
            LogRefused(logger, "unknown number or empty password");
            return Render(context, antiforgery, returnUrl, phone, SignInText.Wrong, StatusCodes.Status401Unauthorized);
        }

        if (account.IsDisabled)
        {
            LogRefused(logger, $"account {account.Id} is disabled");
            return Render(context, antiforgery, returnUrl, phone, SignInText.Disabled, StatusCodes.Status403Forbidden);
        }

        var result = await signIn.PasswordSignInAsync(account, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            LogRefused(logger, $"account {account.Id} is locked out");
            return Render(context, antiforgery, returnUrl, phone, SignInText.LockedOut, StatusCodes.Status423Locked);
        }

        if (!result.Succeeded)
        {
            LogRefused(logger, $"wrong password for account {account.Id}");
            return Render(context, antiforgery, returnUrl, phone, SignInText.Wrong, StatusCodes.Status401Unauthorized);
        }

        return Results.LocalRedirect(LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? phone, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{{SignInText.Title}}</title>
              <style>
                body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; font-size: 20px; line-height: 1.5; color: #111; background: #fff; margin: 0; }
                main { max-width: 28rem; margin: 2rem auto; padding: 0 1rem; }
                label { display: block; margin-top: 1rem; font-weight: 600; }
                input { font-size: 1.2rem; width: 100%; box-sizing: border-box; padding: .6rem; min-height: 48px; border: 2px solid #333; border-radius: 6px; }
                button { margin-top: 1.5rem; font-size: 1.2rem; width: 100%; min-height: 56px; background: #8b0000; color: #fff; border: 0; border-radius: 6px; }
                .error { color: #8b0000; font-weight: 600; border-left: 6px solid #8b0000; padding-left: .6rem; }
                .hint { color: #333; margin-top: 1.5rem; }
              </style>
            </head>
            <body>
              <main>
                <h1>{{SignInText.Title}}</h1>
                {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}}
                <form method="post" action="{{E(context.Request.PathBase + Path)}}">
                  <input type="hidden" name="{{tokens.FormFieldName}}" value="{{E(tokens.RequestToken)}}">
                  <input type="hidden" name="returnUrl" value="{{E(returnUrl)}}">
                  <label for="phone">{{SignInText.Phone}}</label>
                  <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="username" value="{{E(phone)}}" required>
                  <label for="password">{{SignInText.Password}}</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">{{SignInText.Submit}}</button>
                </form>
                <p class="hint">{{SignInText.Help}}</p>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: {Reason}.")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in could not reach the accounts database: {Reason}; answered 503.")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
