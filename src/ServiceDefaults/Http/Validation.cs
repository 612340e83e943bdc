using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// Collects field errors for a request; an empty collector means the input is acceptable.
/// Field names are the JSON names a client sent, so a form can show each error beside its field.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        else if (HasControlCharacters(value))
        {
            Add(field, "must not contain control characters.");
        }

        return this;
    }

    public FieldErrors Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }
        else if (value is not null && HasControlCharacters(value))
        {
            Add(field, "must not contain control characters.");
        }

        return this;
    }

    /// <summary>An optional list of short texts: at most <paramref name="maxCount"/>, none missing or blank, each within <paramref name="maxLength"/>.</summary>
    public FieldErrors OptionalList(string field, IReadOnlyList<string?>? values, int maxCount, int maxLength)
    {
        if (values is null)
        {
            return this;
        }

        if (values.Count > maxCount)
        {
            return Add(field, $"must hold at most {maxCount} items.");
        }

        if (values.Any(string.IsNullOrWhiteSpace))
        {
            return Add(field, "must not hold empty items.");
        }

        foreach (var value in values)
        {
            Optional(field, value, maxLength);
        }

        return this;
    }

    /// <summary>NUL and the other control characters (PostgreSQL refuses NUL); line breaks and tabs are text.</summary>
    public static bool HasControlCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    public FieldErrors Range(string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max))
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>The 400 answer: problem details listing every field's errors.</summary>
    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary(), type: ProblemTypes.Validation);
}
