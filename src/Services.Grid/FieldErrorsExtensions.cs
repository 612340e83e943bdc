using Community.ServiceDefaults.Http;

namespace Community.Services.Grid;

public static class FieldErrorsExtensions
{
    /// <summary>The value must be one of <paramref name="allowed"/> (a missing value is not).</summary>
    public static FieldErrors OneOf(this FieldErrors errors, string field, string? value, IReadOnlyList<string> allowed) =>
        value is not null && allowed.Contains(value) ? errors : errors.Add(field, $"must be one of: {string.Join(", ", allowed)}.");
}
