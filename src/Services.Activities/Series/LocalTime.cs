using System.Globalization;

namespace Community.Services.Activities.Series;

/// <summary>Residents and staff think in Shanghai wall-clock time; the API takes it as <c>yyyy-MM-ddTHH:mm</c>.</summary>
public static class LocalTime
{
    private static readonly string[] Formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public static bool TryParse(string? value, out DateTime local) =>
        DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
