namespace Community.ServiceDefaults.Auth;

/// <summary>
/// How tokens are validated: by the identity provider's discovery document at <see cref="Authority"/> (its
/// issuer and its signing keys, refreshed as it rotates them). The AppHost points every process at the provider.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string DefaultAudience = "community-api";

    public string? Authority { get; set; }
    public string Audience { get; set; } = DefaultAudience;
}
