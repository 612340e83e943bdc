using System.Security.Claims;
using Community.Identity.Accounts;
using Community.Identity.Data;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Community.Identity.Activation;

/// <summary>
/// Accounts for people without e-mail or a smartphone: staff make the account and print a one-time code;
/// the person (or a helper beside them) sets a password with it. A forgotten password goes the same way.
/// </summary>
public static class ActivationApi
{
    public static IEndpointRouteBuilder MapActivationApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Activation");
        accounts.MapPost("", CreateAsync).RequireAuthorization(Policies.Staff).WithName("CreateAccount")
            .WithSummary("Staff make an account (resident unless other roles are named) and get a one-time activation code to print, valid 7 days.");
        accounts.MapPost("/{id:guid}/reset-codes", ResetCodeAsync).RequireAuthorization(Policies.Staff).WithName("IssueResetCode")
            .WithSummary("A new one-time code to set a forgotten password; earlier unused codes stop working and a lockout ends.");
        accounts.MapPost("/activate", ActivateAsync).AllowAnonymous().WithName("Activate")
            .WithSummary("Sets the account's password with its printed code (once).")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status423Locked);
        return app;
    }

    private static async Task<Results<Created<IssuedAccountDto>, ValidationProblem, ForbidHttpResult, Conflict<ProblemDetails>>> CreateAsync(
        CreateAccountRequest request, ClaimsPrincipal caller, UserManager<Account> users, AccountsDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var roles = request.Roles is { Count: > 0 } named ? named.Distinct().ToList() : [Roles.Resident];
        var errors = new FieldErrors().Require("displayName", request.DisplayName, Account.DisplayNameLength);
        if (!PhoneNumbers.IsValidMobile(request.Phone?.Trim()))
        {
            errors.Add("phone", "must be a mainland mobile number of 11 digits, like 13812345678.");
        }

        if (roles.Count > Roles.All.Count || roles.Any(r => r is null || !Roles.All.Contains(r)))
        {
            errors.Add("roles", $"each must be one of {string.Join(", ", Roles.All)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var callerRoles = caller.FindAll(CommunityClaims.Role).Select(c => c.Value).ToList();
        if (roles.Any(role => !RoleGrants.MayChange(callerRoles, self: false, role)))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var account = Account.Create(request.Phone!.Trim(), request.DisplayName!, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            return TypedResults.Conflict(AccountProblems.PhoneTaken());
        }

        foreach (var role in roles)
        {
            await users.AddToRoleAsync(account, role);
            db.RoleChanges.Add(RoleChange.Granted(account.Id, role, caller.AuditActor(), "account made at the service station", now));
        }

        var (row, code) = ActivationCode.Issue(account.Id, "activation", caller.AuditActor(), now);
        db.ActivationCodes.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/accounts/{account.Id}", new IssuedAccountDto(AccountDto.From(account, roles), code, row.ExpiresAt));
    }

    private static async Task<Results<Ok<IssuedCodeDto>, NotFound<ProblemDetails>, ForbidHttpResult>> ResetCodeAsync(
        Guid id, ClaimsPrincipal caller, UserManager<Account> users, AccountsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return TypedResults.NotFound(AccountProblems.NoSuchAccount(id));
        }

        // Staff reset the passwords of the people they serve; an administrator's or a colleague's only an administrator.
        var callerRoles = caller.FindAll(CommunityClaims.Role).Select(c => c.Value).ToList();
        var held = await users.GetRolesAsync(account);
        if (caller.IsSubject(id) || held.Any(role => !RoleGrants.MayChange(callerRoles, self: false, role)))
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ActivationCodes.Where(c => c.AccountId == id && c.UsedAt == null && c.ExpiresAt > now)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ExpiresAt, now), cancellationToken);
        var (row, code) = ActivationCode.Issue(id, "reset", caller.AuditActor(), now);
        db.ActivationCodes.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new IssuedCodeDto(id, code, row.ExpiresAt));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ActivateAsync(
        ActivateRequest request, UserManager<Account> users, AccountsDbContext db, TimeProvider time, ILoggerFactory loggers,
        IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ActivationApi));
        var errors = new FieldErrors().Require("phone", request.Phone, 20).Require("code", request.Code, 20);
        if (PasswordRules.Refusal(request.Password) is { } refusal)
        {
            errors.Add("password", refusal);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = await users.FindByNameAsync(request.Phone!.Trim());
        if (account is null)
        {
            ActivationLog.Refused(logger, "unknown phone number");
            return TypedResults.Problem(ActivationProblems.InvalidCode());
        }

        // Wrong codes do not count towards the lockout, and a lockout does not refuse a right code: otherwise anyone who
        // knows an elder's phone number could keep her locked out, her printed card refused, by five wrong guesses every
        // quarter of an hour. Guessing gains nothing: a code is one of 31^8 (about 10^12), used once, soon expired, and
        // the front door limits each address to a few tries a second.
        var now = time.GetUtcNow();
        var hash = ActivationCode.Hash(request.Code!);
        var code = await db.ActivationCodes.AsNoTracking()
            .Where(c => c.AccountId == account.Id && c.CodeHash == hash).FirstOrDefaultAsync(cancellationToken);
        if (code is null || !code.IsUsable(now))
        {
            ActivationLog.Refused(logger, code is null ? $"wrong code for account {account.Id}" : $"used or expired code for account {account.Id}");
            return TypedResults.Problem(ActivationProblems.InvalidCode());
        }

        // Said only to the holder of a right code: a stranger learns nothing of the account by trying its number.
        if (account.IsDisabled)
        {
            ActivationLog.Refused(logger, $"account {account.Id} is disabled");
            return TypedResults.Problem(ActivationProblems.Disabled());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.ActivationCodes.Where(c => c.Id == code.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return TypedResults.Problem(ActivationProblems.InvalidCode());
        }

        var reset = await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), request.Password!);
        if (!reset.Succeeded)
        {
            return new FieldErrors().Add("password", string.Join(" ", reset.Errors.Select(e => e.Description))).ToProblem();
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        // A new password from the station's code: whoever knew the old one and signed in with it is out, in the same
        // transaction (a fault between the two would have left the new password with the old sessions).
        await AccountSessions.EndAllAsync(account.Id, tokens, authorizations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ActivationLog.Activated(logger, account.Id, code.Purpose);
        return TypedResults.NoContent();
    }
}

public sealed record CreateAccountRequest(string? Phone, string? DisplayName, IReadOnlyList<string>? Roles);

public sealed record ActivateRequest(string? Phone, string? Code, string? Password);

/// <summary>The account and its code, shown this once: print it on the card.</summary>
public sealed record IssuedAccountDto(AccountDto Account, string ActivationCode, DateTimeOffset ExpiresAt);

public sealed record IssuedCodeDto(Guid AccountId, string ActivationCode, DateTimeOffset ExpiresAt);

internal static partial class ActivationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Activation refused: {Reason}.")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} set its password with a {Purpose} code.")]
    public static partial void Activated(ILogger logger, Guid accountId, string purpose);
}
