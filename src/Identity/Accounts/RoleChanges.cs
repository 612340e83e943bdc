using System.Security.Claims;
using Community.Identity.Data;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Community.Identity.Accounts;

/// <summary>Granting and revoking a role: the rule of who may, the change, and its row in the history, together.</summary>
public sealed class RoleChanges(UserManager<Account> users, AccountsDbContext db, TimeProvider time)
{
    public async Task<Results<Ok<AccountDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult, Conflict<ProblemDetails>>> ChangeAsync(
        Guid id, string? role, string? reason, bool grant, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", reason, RoleChange.ReasonLength).Require("role", role, 50);
        if (role is not null && !Roles.All.Contains(role))
        {
            errors.Add("role", $"must be one of {string.Join(", ", Roles.All)}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await users.FindByIdAsync(id.ToString()) is not { } account)
        {
            return TypedResults.NotFound(AccountProblems.NoSuchAccount(id));
        }

        if (grant && account.IsErased)
        {
            return TypedResults.Conflict(AccountProblems.Erased(id));
        }

        var callerRoles = caller.FindAll(CommunityClaims.Role).Select(c => c.Value);
        // Before, only the role was looked at: staff could take a colleague's or an administrator's resident role away.
        if (!RoleGrants.MayChange(callerRoles, caller.IsSubject(id), role!) || !RoleGrants.MayActOn(callerRoles, caller.IsSubject(id), await users.GetRolesAsync(account)))
        {
            return TypedResults.Forbid();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = grant ? await users.AddToRoleAsync(account, role!) : await users.RemoveFromRoleAsync(account, role!);
        if (!result.Succeeded)
        {
            return TypedResults.Conflict(AccountProblems.RoleUnchanged(role!, grant));
        }

        var now = time.GetUtcNow();
        db.RoleChanges.Add(grant
            ? RoleChange.Granted(id, role!, caller.AuditActor(), reason!.Trim(), now)
            : RoleChange.Revoked(id, role!, caller.AuditActor(), reason!.Trim(), now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(AccountDto.From(account, await users.GetRolesAsync(account)));
    }
}
