using OpenIddict.Abstractions;

namespace Community.Identity.Accounts;

/// <summary>
/// Ends every session an account holds elsewhere: its refresh tokens and authorizations are revoked, so no app signed
/// in as it gets new tokens; access tokens already out end within their half hour (they are checked by signature).
/// For a new password set from a station's code (whoever knew the old one is out), a disabled account (enabling it
/// again brings nothing back) and erasure.
/// </summary>
public static class AccountSessions
{
    public static async Task EndAllAsync(Guid accountId, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
        CancellationToken cancellationToken)
    {
        await authorizations.RevokeBySubjectAsync(accountId.ToString(), cancellationToken);
        await tokens.RevokeBySubjectAsync(accountId.ToString(), cancellationToken);
    }
}
