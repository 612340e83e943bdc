namespace Community.Identity.Keys;

/// <summary>
/// When the provider makes a new key and which keys it still uses. The newest key signs (or encrypts); older
/// ones stay published for <see cref="KeyOptions.Retention"/> so tokens signed before a rotation still validate
/// at the services, which fetch the published keys by the discovery document.
/// </summary>
public static class KeyRotation
{
    /// <summary>True when there is no key yet or the newest is older than the rotation period.</summary>
    public static bool NeedsNewKey(IEnumerable<DateTimeOffset> created, DateTimeOffset now, TimeSpan rotateAfter)
    {
        var newest = created.DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return newest == DateTimeOffset.MinValue || now - newest >= rotateAfter;
    }

    /// <summary>The keys in use, newest first: the newest always, and the others younger than the retention.</summary>
    public static IReadOnlyList<T> InUse<T>(IEnumerable<T> keys, Func<T, DateTimeOffset> created, DateTimeOffset now, TimeSpan retention)
    {
        var ordered = keys.OrderByDescending(created).ToList();
        return ordered.Where((key, index) => index == 0 || now - created(key) < retention).ToList();
    }
}

public sealed class KeyOptions
{
    public const string Section = "Identity:Keys";

    /// <summary>A new signing key is made at start-up once the newest is this old.</summary>
    public TimeSpan RotateAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>An older key is still published (and still decrypts) for this long after it was made.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(180);
}
