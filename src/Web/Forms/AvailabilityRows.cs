using System.Text.RegularExpressions;

namespace Community.Web.Forms;

/// <summary>
/// The availability form sends only the rows a person filled in; the service names its errors by the position in
/// what it was sent (<c>slots[1].to</c>). This puts each error back on the row on the screen it came from.
/// </summary>
public static partial class AvailabilityRows
{
    public static IReadOnlyDictionary<string, string[]> ToRows(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> rowOfSent) =>
        errors.ToDictionary(
            pair => SentIndex().Match(pair.Key) is { Success: true } match && int.TryParse(match.Groups[1].Value, out var sent) && sent < rowOfSent.Count
                ? $"slots[{rowOfSent[sent]}]{match.Groups[2].Value}"
                : pair.Key,
            pair => pair.Value,
            StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^slots\[(\d+)\](.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SentIndex();
}
