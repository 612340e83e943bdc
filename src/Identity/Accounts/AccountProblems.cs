using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Identity.Accounts;

public static class AccountProblems
{
    public const string PhoneTakenType = ProblemTypes.Base + "phone-taken";
    public const string RoleUnchangedType = ProblemTypes.Base + "role-unchanged";

    public static ProblemDetails PhoneTaken() =>
        Problems.Conflict("The phone number has an account.", "An account with this phone number exists; sign in, or ask the service station to reset its password.", PhoneTakenType);

    public const string ErasedType = ProblemTypes.Base + "account-erased";

    public static ProblemDetails Erased(Guid id) => Problems.Conflict("The account was erased.",
        $"Account {id} was erased at its holder's request and stays closed; they can make a new one.", ErasedType);

    public static ProblemDetails NoSuchAccount(Guid id) => Problems.NotFound("No such account.", $"There is no account {id}.");

    public static ProblemDetails NoAccountForToken() =>
        Problems.NotFound("No account.", "The token's subject is not a person's account (a partner's client has none).");

    public static ProblemDetails RoleUnchanged(string role, bool grant) => Problems.Conflict(
        grant ? "The role is held already." : "The role is not held.",
        grant ? $"The account already holds '{role}'." : $"The account does not hold '{role}'.", RoleUnchangedType);
}
