using System.Security.Claims;
using Community.Contracts;
using Community.Identity.Accounts;
using Community.Identity.Data;
using Community.Messaging.Persistence;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Community.Identity.Erasure;

/// <param name="Password">The account's password, again: a token left on a shared phone must not be enough to erase someone.</param>
public sealed record EraseMyDataRequest(string? Password);

public sealed record ErasureAnswerDto(string Service, int Records, DateTimeOffset ErasedAt);

/// <summary>An erasure request and how far it got: <c>Pending</c> names the services that have not answered yet.</summary>
public sealed record ErasureRequestDto(
    Guid Id, Guid AccountId, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, IReadOnlyList<ErasureAnswerDto> Answers, IReadOnlyList<string> Pending)
{
    public static ErasureRequestDto From(ErasureRequest request) => new(
        request.Id, request.AccountId, request.RequestedAt, request.CompletedAt,
        request.Answers.OrderBy(a => a.ErasedAt).Select(a => new ErasureAnswerDto(a.Service, a.Records, a.ErasedAt)).ToList(),
        ErasureRequest.Services.Where(s => request.Answers.All(a => a.Service != s)).ToList());
}

/// <summary>
/// A person's right to have their data erased (PIPL art. 47): they ask once, with their password; the account is emptied
/// and closed at once (no number, name or password; every token revoked) and each service is told to erase or anonymise
/// what it holds, answering when done. Staff follow each request to its completion.
/// </summary>
public static class ErasureApi
{
    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accounts/me/erasure", RequestAsync).WithTags("Privacy").WithName("EraseMyData")
            .WithSummary("Erases the signed-in person's data everywhere: closes the account now and has every service erase what it holds.");
        var requests = app.MapGroup("/erasure-requests").WithTags("Privacy").RequireAuthorization(Policies.Staff);
        requests.MapGet("", ListAsync).WithName("ListErasureRequests").WithSummary("Erasure requests, newest first, with which services have answered (staff).");
        requests.MapGet("/{id:guid}", GetAsync).WithName("GetErasureRequest").WithSummary("One erasure request and its answers (staff).");
        return app;
    }

    internal static async Task<Results<Accepted<ErasureRequestDto>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> RequestAsync(
        EraseMyDataRequest request, ClaimsPrincipal caller, UserManager<Account> users, SignInManager<Account> signIn, AccountsDbContext db,
        IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, TimeProvider time, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("password", request.Password, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = Guid.TryParse(caller.Subject(), out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        if (account is null || account.IsDisabled)
        {
            return TypedResults.NotFound(AccountProblems.NoAccountForToken());
        }

        // Counted as a sign-in is: whoever holds a forgotten token cannot try passwords without end.
        var checkedPassword = await signIn.CheckPasswordSignInAsync(account, request.Password!, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.TooManyRequests,
                title: "Too many wrong passwords.", detail: $"Try again in {(int)PasswordRules.LockoutDuration.TotalMinutes} minutes.");
        }

        if (!checkedPassword.Succeeded)
        {
            return new FieldErrors().Add("password", "is not this account's password.").ToProblem();
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two requests at once: the second waits here and then finds the account erased.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"AspNetUsers\" WHERE id = {account.Id} FOR UPDATE", cancellationToken);
        await db.Entry(account).ReloadAsync(cancellationToken);
        if (account.IsDisabled)
        {
            return TypedResults.NotFound(AccountProblems.NoAccountForToken());
        }

        foreach (var role in await users.GetRolesAsync(account))
        {
            db.RoleChanges.Add(RoleChange.Revoked(account.Id, role, "erasure", "erased at the person's request", now));
        }

        await db.UserRoles.Where(r => r.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.ActivationCodes.Where(c => c.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        account.Erase(now);
        // Whatever they did for others (granted a role, made an account at the desk) keeps their id, not their name.
        await db.ForgetActorAsync(account.Id.ToString(), Account.ErasedName, cancellationToken);
        var erasure = ErasureRequest.Create(account.Id, now);
        db.ErasureRequests.Add(erasure);
        db.AddEvent(new PersonErasureRequested(erasure.Id, account.Id, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await AccountSessions.EndAllAsync(account.Id, tokens, authorizations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logs.CreateLogger(typeof(ErasureApi)).LogInformation("Erasure {RequestId} requested for account {AccountId}", erasure.Id, account.Id);
        return TypedResults.Accepted($"/erasure-requests/{erasure.Id}", ErasureRequestDto.From(erasure));
    }

    internal static async Task<Results<Ok<Page<ErasureRequestDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, AccountsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var requests = await db.ErasureRequests.AsNoTracking().Include(r => r.Answers)
            .ToPageAsync(q => q.OrderByDescending(r => r.RequestedAt), paging, r => r, cancellationToken);
        return TypedResults.Ok(new Page<ErasureRequestDto>(
            requests.Items.Select(ErasureRequestDto.From).ToList(), requests.PageNumber, requests.PageSize, requests.Total));
    }

    internal static async Task<Results<Ok<ErasureRequestDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, AccountsDbContext db, CancellationToken cancellationToken) =>
        await db.ErasureRequests.AsNoTracking().Include(r => r.Answers).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } request
            ? TypedResults.Ok(ErasureRequestDto.From(request))
            : TypedResults.NotFound(Problems.NotFound("No such erasure request.", $"There is no erasure request {id}."));
}
