namespace Community.ServiceDefaults.Auth;

/// <summary>
/// How tokens are validated. Until the identity provider lands, the AppHost hands every process one
/// symmetric signing key; set <see cref="Authority"/> instead to trust an OpenID Connect issuer.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DefaultIssuer = "community-local";
    public const string DefaultAudience = "community-api";

    public string? Authority { get; set; }
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = DefaultIssuer;
    public string Audience { get; set; } = DefaultAudience;
}
