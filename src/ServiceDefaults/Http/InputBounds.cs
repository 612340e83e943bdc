using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// The bounds every input has before any work is done, whatever the endpoint: no control characters in any text
/// (PostgreSQL refuses NUL), no text longer than <see cref="MaxTextLength"/>, no list longer than
/// <see cref="MaxListLength"/> or holding a missing item, no date outside <see cref="MinYear"/>–<see cref="MaxYear"/>.
/// Checked on what a request bound (its body, route and query values), walked as far as our own records go; answered
/// 400 with each field named. Endpoints keep their own, tighter rules; these are the floor that keeps a malformed
/// request from reaching a 500 or hanging the service.
/// </summary>
public static class InputBounds
{
    public const int MaxTextLength = 10_000;
    public const int MaxListLength = 1_000;
    public const int MinYear = 1900;
    public const int MaxYear = 2200;
    private const int MaxDepth = 6;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>Adds the check to every endpoint under <paramref name="group"/> that binds input it can walk.</summary>
    public static RouteGroupBuilder WithInputBounds(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var isService = factory.ApplicationServices.GetService<IServiceProviderIsService>();
            var inputs = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (Parameter: parameter, Index: index))
                .Where(p => IsInput(p.Parameter.ParameterType, isService))
                .ToArray();
            if (inputs.Length == 0)
            {
                return next;
            }

            return async context =>
            {
                var errors = new FieldErrors();
                foreach (var (parameter, index) in inputs)
                {
                    var value = context.Arguments.Count > index ? context.Arguments[index] : null;
                    // A body is named by its fields alone; a route or query value by its own name.
                    var root = IsOwnRecord(parameter.ParameterType) ? "" : JsonNamingPolicy.CamelCase.ConvertName(parameter.Name ?? "value");
                    Check(value, root, errors, 0);
                }

                return errors.Any ? errors.ToProblem() : await next(context);
            };
        });
        return group;
    }

    private static bool IsInput(Type type, IServiceProviderIsService? isService)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string) || IsDate(underlying))
        {
            return true;
        }

        if (ElementType(underlying) is { } element)
        {
            return IsInput(element, isService);
        }

        return IsOwnRecord(underlying) && isService?.IsService(underlying) != true;
    }

    private static void Check(object? value, string path, FieldErrors errors, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (text.Length > MaxTextLength)
                {
                    errors.Add(Name(path), $"must be at most {MaxTextLength} characters.");
                }
                else if (FieldErrors.HasControlCharacters(text))
                {
                    errors.Add(Name(path), "must not contain control characters.");
                }

                return;
            case DateOnly date:
                CheckYear(date.Year, path, errors);
                return;
            case DateTime dateTime:
                CheckYear(dateTime.Year, path, errors);
                return;
            case DateTimeOffset instant:
                CheckYear(instant.Year, path, errors);
                return;
        }

        var type = value.GetType();
        if (depth >= MaxDepth || type.IsPrimitive || type.IsEnum || value is Guid or decimal or TimeOnly or TimeSpan)
        {
            return;
        }

        if (value is IEnumerable items && ElementType(type) is not null)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (index == MaxListLength)
                {
                    errors.Add(Name(path), $"must hold at most {MaxListLength} items.");
                    return;
                }

                if (item is null)
                {
                    errors.Add($"{Name(path)}[{index}]", "must not be missing.");
                }
                else
                {
                    Check(item, $"{path}[{index}]", errors, depth + 1);
                }

                index++;
            }

            return;
        }

        if (!IsOwnRecord(type))
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray()))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Check(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", errors, depth + 1);
        }
    }

    private static void CheckYear(int year, string path, FieldErrors errors)
    {
        if (year is < MinYear or > MaxYear)
        {
            errors.Add(Name(path), $"must be a date between the years {MinYear} and {MaxYear}.");
        }
    }

    private static string Name(string path) => path.Length == 0 ? "body" : path;

    private static bool IsDate(Type type) => type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset);

    /// <summary>Our own request records (and [AsParameters] groups): the types a client's JSON or query fills.</summary>
    private static bool IsOwnRecord(Type type) =>
        type.Namespace?.StartsWith("Community.", StringComparison.Ordinal) == true && !type.IsEnum && !typeof(Delegate).IsAssignableFrom(type);

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }
}
