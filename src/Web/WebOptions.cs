namespace Community.Web;

/// <summary>Where the web app finds the gateway and the identity provider, and who it is to the provider.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The gateway as the web server reaches it (service discovery name in the AppHost): every API call goes here.</summary>
    public string Gateway { get; set; } = "http://gateway";

    /// <summary>
    /// The gateway as a browser reaches it: the provider's discovery document is read there, so the sign-in
    /// pages the browser is sent to are the gateway's too.
    /// </summary>
    public string Authority { get; set; } = "";

    /// <summary>
    /// The identity provider as the web server reaches it directly, for the back channel (<see cref="SignIn.ProviderBackchannel"/>);
    /// empty to use <see cref="Authority"/> for that too.
    /// </summary>
    public string Provider { get; set; } = "";

    public string ClientId { get; set; } = "community-web";

    public string ClientSecret { get; set; } = "";
}
