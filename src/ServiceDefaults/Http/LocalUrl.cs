namespace Community.ServiceDefaults.Http;

/// <summary>Where a page may send someone back to after signing in: only into the same app, never an open redirect.</summary>
public static class LocalUrl
{
    /// <summary>
    /// A path of this app: starting with one '/', not "//" or "/\" (another host, to a browser), and without control
    /// characters, which a browser drops: "/\t/evil.example" (a tab, "/%09/" in a link) is "//evil.example" to it.
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
