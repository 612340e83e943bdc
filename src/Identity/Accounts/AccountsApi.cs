using System.Security.Claims;
using Community.Identity.Data;
using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Community.Identity.Accounts;

/// <summary>
/// Accounts: a resident signs up by themselves; every other role is granted by staff or an administrator,
/// with a reason, and kept in the account's role history. Phone numbers go out masked.
/// </summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapPost("/register", RegisterAsync).AllowAnonymous().WithName("Register")
            .WithSummary("Signs a resident up with a mainland mobile number and a password (8 characters or more).");
        accounts.MapGet("/me", MeAsync).WithName("GetMyAccount").WithSummary("The signed-in person's own account.");
        accounts.MapGet("/me/preferences", PreferencesAsync).WithName("GetMyPreferences")
            .WithSummary("The signed-in person's own display preferences (large text), to follow them from browser to browser.");
        accounts.MapPut("/me/preferences", ChoosePreferencesAsync).WithName("SetMyPreferences")
            .WithSummary("Sets the signed-in person's own display preferences.");
        accounts.MapGet("", ListAsync).RequireAuthorization(Policies.Staff).WithName("ListAccounts")
            .WithSummary("Accounts, newest first, optionally those holding one role (staff).");
        accounts.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Staff).WithName("GetAccount").WithSummary("One account (staff).");
        accounts.MapGet("/{id:guid}/role-history", RoleHistoryAsync).RequireAuthorization(Policies.Staff).WithName("GetRoleHistory")
            .WithSummary("Every grant and revocation of the account's roles: who, when, why (staff).");
        accounts.MapPost("/{id:guid}/roles", GrantAsync).RequireAuthorization(Policies.Staff).WithName("GrantRole")
            .WithSummary("Grants a role with a reason; staff grant resident, volunteer, grid-worker and partner, an admin any role.");
        accounts.MapPost("/{id:guid}/roles/{role}/revoke", RevokeAsync).RequireAuthorization(Policies.Staff).WithName("RevokeRole")
            .WithSummary("Revokes a role with a reason; tokens already issued lose it at their next refresh.");
        accounts.MapPost("/{id:guid}/disable", DisableAsync).RequireAuthorization(Policies.Staff).WithName("DisableAccount")
            .WithSummary("Stops an account from signing in or refreshing its tokens.");
        accounts.MapPost("/{id:guid}/enable", EnableAsync).RequireAuthorization(Policies.Staff).WithName("EnableAccount")
            .WithSummary("Lets a disabled account sign in again.");
        return app;
    }

    private static async Task<Results<Created<AccountDto>, ValidationProblem, Conflict<ProblemDetails>>> RegisterAsync(
        RegisterRequest request, UserManager<Account> users, AccountsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("displayName", request.DisplayName, Account.DisplayNameLength);
        if (!PhoneNumbers.IsValidMobile(request.Phone?.Trim()))
        {
            errors.Add("phone", "must be a mainland mobile number of 11 digits, like 13812345678.");
        }

        if (PasswordRules.Refusal(request.Password) is { } refusal)
        {
            errors.Add("password", refusal);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var account = Account.Create(request.Phone!.Trim(), request.DisplayName!, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, request.Password!);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? TypedResults.Conflict(AccountProblems.PhoneTaken())
                : new FieldErrors().Add("password", string.Join(" ", created.Errors.Select(e => e.Description))).ToProblem();
        }

        await users.AddToRoleAsync(account, Roles.Resident);
        db.RoleChanges.Add(RoleChange.Granted(account.Id, Roles.Resident, "self-registration", "signed up", now));
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(AccountProblems.PhoneTaken());
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/accounts/{account.Id}", AccountDto.From(account, [Roles.Resident]));
    }

    private static async Task<Results<Ok<PreferencesDto>, NotFound<ProblemDetails>>> PreferencesAsync(ClaimsPrincipal caller, UserManager<Account> users)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        return account is null ? TypedResults.NotFound(AccountProblems.NoAccountForToken()) : TypedResults.Ok(new PreferencesDto(account.LargeText));
    }

    private static async Task<Results<Ok<PreferencesDto>, ValidationProblem, NotFound<ProblemDetails>>> ChoosePreferencesAsync(
        PreferencesRequest request, ClaimsPrincipal caller, AccountsDbContext db, CancellationToken cancellationToken)
    {
        if (request.LargeText is not { } largeText)
        {
            return new FieldErrors().Add("largeText", "is required: true or false.").ToProblem();
        }

        // One column, set in place: two browsers toggling at once never collide on the account's concurrency stamp.
        var id = Guid.TryParse(caller.Subject(), out var subject) ? subject : Guid.Empty;
        var changed = await db.Users.Where(a => a.Id == id && a.ErasedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LargeText, largeText), cancellationToken);
        return changed == 0 ? TypedResults.NotFound(AccountProblems.NoAccountForToken()) : TypedResults.Ok(new PreferencesDto(largeText));
    }

    private static async Task<Results<Ok<AccountDto>, NotFound<ProblemDetails>>> MeAsync(ClaimsPrincipal caller, UserManager<Account> users)
    {
        var account = Guid.TryParse(caller.Subject(), out var id) ? await users.FindByIdAsync(id.ToString()) : null;
        return account is null
            ? TypedResults.NotFound(AccountProblems.NoAccountForToken())
            : TypedResults.Ok(AccountDto.From(account, await users.GetRolesAsync(account)));
    }

    private static async Task<Results<Ok<Page<AccountDto>>, ValidationProblem>> ListAsync(
        int? page, int? pageSize, string? role, AccountsDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (role is not null && !Roles.All.Contains(role))
        {
            errors.Add("role", $"must be one of {string.Join(", ", Roles.All)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rolesByAccount = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name };
        var query = db.Users.AsNoTracking();
        if (role is not null)
        {
            query = query.Where(a => rolesByAccount.Any(x => x.UserId == a.Id && x.Name == role));
        }

        var accounts = await query.ToPageAsync(q => q.OrderByDescending(a => a.CreatedAt), paging, a => a, cancellationToken);
        var ids = accounts.Items.Select(a => a.Id).ToList();
        var roles = (await rolesByAccount.Where(x => ids.Contains(x.UserId)).ToListAsync(cancellationToken))
            .ToLookup(x => x.UserId, x => x.Name!);
        return TypedResults.Ok(new Page<AccountDto>(
            accounts.Items.Select(a => AccountDto.From(a, roles[a.Id])).ToList(), accounts.PageNumber, accounts.PageSize, accounts.Total));
    }

    private static async Task<Results<Ok<AccountDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, UserManager<Account> users) =>
        await users.FindByIdAsync(id.ToString()) is { } account
            ? TypedResults.Ok(AccountDto.From(account, await users.GetRolesAsync(account)))
            : TypedResults.NotFound(AccountProblems.NoSuchAccount(id));

    private static async Task<Results<Ok<IReadOnlyList<RoleChangeDto>>, NotFound<ProblemDetails>>> RoleHistoryAsync(
        Guid id, AccountsDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(AccountProblems.NoSuchAccount(id));
        }

        var changes = await db.RoleChanges.AsNoTracking().Where(c => c.AccountId == id)
            .OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RoleChangeDto>>(changes.Select(RoleChangeDto.From).ToList());
    }

    private static Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> GrantAsync(
        Guid id, RoleRequest request, ClaimsPrincipal caller, RoleChanges changes, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, request.Role, request.Reason, grant: true, caller, cancellationToken);

    private static Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> RevokeAsync(
        Guid id, string role, ReasonRequest request, ClaimsPrincipal caller, RoleChanges changes, CancellationToken cancellationToken) =>
        changes.ChangeAsync(id, role, request.Reason, grant: false, caller, cancellationToken);

    private static async Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> DisableAsync(
        Guid id, ReasonRequest request, ClaimsPrincipal caller, UserManager<Account> users, AccountsDbContext db, TimeProvider time,
        IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, RoleChange.ReasonLength);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return TypedResults.NotFound(AccountProblems.NoSuchAccount(id));
        }

        if (!await MayActOnAsync(caller, id, account, users))
        {
            return TypedResults.Forbid();
        }

        // A new security stamp ends the sign-in cookie's session at its next check; revoked tokens end the apps' sessions,
        // for good (enabling the account again brings none of them back). One transaction: disabled means both.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        account.Disable(request.Reason!.Trim(), time.GetUtcNow());
        await users.UpdateSecurityStampAsync(account);
        await AccountSessions.EndAllAsync(account.Id, tokens, authorizations, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AccountDto.From(account, await users.GetRolesAsync(account)));
    }

    private static async Task<Results<Ok<AccountDto>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> EnableAsync(
        Guid id, ClaimsPrincipal caller, UserManager<Account> users)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return TypedResults.NotFound(AccountProblems.NoSuchAccount(id));
        }

        if (!await MayActOnAsync(caller, id, account, users))
        {
            return TypedResults.Forbid();
        }

        if (account.IsErased)
        {
            return TypedResults.Conflict(AccountProblems.Erased(id));
        }

        account.Enable();
        await users.UpdateAsync(account);
        return TypedResults.Ok(AccountDto.From(account, await users.GetRolesAsync(account)));
    }

    /// <summary>
    /// Disabling or enabling an account is as strong as changing its roles: staff may for the people they serve, an
    /// administrator for anyone — nobody for themselves (staff could otherwise lock an administrator out).
    /// </summary>
    private static async Task<bool> MayActOnAsync(ClaimsPrincipal caller, Guid id, Account account, UserManager<Account> users)
    {
        return RoleGrants.MayActOn(caller.FindAll(CommunityClaims.Role).Select(c => c.Value), caller.IsSubject(id), await users.GetRolesAsync(account));
    }
}
