using System.Security.Cryptography;

namespace Community.AppHost.Infrastructure;

/// <summary>
/// Secrets the AppHost generates once and keeps beside the data they protect, so a restart finds the same
/// database password. Production sets them through configuration.
/// </summary>
public static class Secrets
{
    public static string GetOrCreate(string dataDirectory, string name)
    {
        var folder = Path.Combine(dataDirectory, "secrets");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        // Letters and digits only: the value goes into URIs and connection strings unescaped.
        var value = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
        File.WriteAllText(path, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return value;
    }
}
