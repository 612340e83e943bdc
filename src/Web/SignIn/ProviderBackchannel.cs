namespace Community.Web.SignIn;

/// <summary>
/// The server-to-server half of signing in — redeeming a code, renewing a token, reading the provider's keys — goes
/// straight to the provider (<see cref="WebOptions.Provider"/>), not through the gateway. At the gateway the web server
/// is one anonymous caller: every person's sign-in and renewal would draw on one address's bucket (5 a second), and
/// at 9:00, with a popular class opening, people would be turned away at sign-in and signed out. The browser's half
/// (the sign-in pages) and the discovery document stay at the gateway, whose address the document speaks in.
/// </summary>
public sealed class ProviderBackchannel(Uri authority, Uri provider) : DelegatingHandler
{
    private const string DiscoveryPath = "/.well-known/openid-configuration";

    /// <summary>Where a back-channel request for <paramref name="request"/> goes: the provider itself, or null to leave it be.</summary>
    public static Uri? Direct(Uri request, Uri authority, Uri provider)
    {
        var under = authority.AbsolutePath.TrimEnd('/');
        if (Uri.Compare(request, authority, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0
            || !request.AbsolutePath.StartsWith(under + "/", StringComparison.Ordinal)
            || request.AbsolutePath == under + DiscoveryPath)
        {
            return null;
        }

        return new UriBuilder(provider)
        {
            Path = provider.AbsolutePath.TrimEnd('/') + request.AbsolutePath[under.Length..],
            Query = request.Query.TrimStart('?'),
        }.Uri;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && Direct(uri, authority, provider) is { } direct)
        {
            request.RequestUri = direct;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
