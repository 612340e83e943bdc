namespace Community.ServiceDefaults.Auth;

/// <summary>The claims the services read from a caller's token (JWT names, not mapped to .NET's long URIs).</summary>
public static class CommunityClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
}
