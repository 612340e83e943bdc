using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Community.Testing;

/// <summary>
/// Bad input, generated from a service's own OpenAPI document so every operation added later is covered: for each
/// operation, requests whose body and query hold a NUL character in every text, a missing item in every list,
/// dates in the years 1 and 9999, texts of 1,500 and 20,000 characters, lists of 10,001 items and the largest 32-bit numbers.
/// A service must answer each with a 4xx — never a 5xx, never by hanging.
/// </summary>
public static class MalformedInput
{
    private static readonly string[] Shapes = ["nul", "null-items", "max-dates", "min-dates", "long-text", "mid-text", "huge-lists", "big-numbers"];
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>What was sent and what went wrong (one line each).</summary>
    public sealed record Report(int Operations, int Sent, IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Failures)
    {
        public override string ToString() =>
            $"{Sent} requests to {Operations} operations; answers {string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}" +
            (Failures.Count == 0 ? "" : "\n" + string.Join("\n", Failures));
    }

    /// <summary>
    /// Sends every shape to every documented operation, and once more without a token when an
    /// <paramref name="anonymous"/> client is given; every answer must be a status the operation declares.
    /// </summary>
    public static async Task<Report> SendAllAsync(HttpClient client, string documentPath = "/openapi/v1.json", HttpClient? anonymous = null)
    {
        var statuses = new Dictionary<int, int>();
        var operations = 0;
        using var document = JsonDocument.Parse(await client.GetStringAsync(documentPath));
        var root = document.RootElement;
        var failures = new List<string>();
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var calls = Shapes.Select(shape => (Shape: shape, Client: client)).ToList();
                if (anonymous is not null)
                {
                    calls.Add(("anonymous", anonymous));
                }

                foreach (var (shape, caller) in calls)
                {
                    var request = shape == "anonymous"
                        ? Build(root, path.Name, path.Value, operation.Name, operation.Value, "valid", always: true)
                        : Build(root, path.Name, path.Value, operation.Name, operation.Value, shape);
                    if (request is null || !sent.Add($"{shape == "anonymous"} {operation.Name} {request.Value.Uri} {request.Value.Body}"))
                    {
                        continue;
                    }

                    var (status, problem) = await SendAsync(caller, operation.Name, request.Value.Uri, request.Value.Body);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    problem ??= status == 0 || Declares(operation.Value, status) ? null : $"answered {status}, which the document does not declare";
                    if (problem is not null)
                    {
                        failures.Add($"{operation.Name.ToUpperInvariant()} {path.Name} [{shape}]: {problem}");
                    }
                }
            }
        }

        return new Report(operations, statuses.Values.Sum(), statuses, failures);
    }

    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, string method, string uri, string? body)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var timeout = new CancellationTokenSource(Patience);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(message, timeout.Token);
            var status = (int)response.StatusCode;
            return (status, status >= 500 ? $"{status} {Shorten(await response.Content.ReadAsStringAsync(CancellationToken.None))}" : null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (0, $"no answer within {clock.Elapsed.TotalSeconds:0} s");
        }
    }

    private static bool Declares(JsonElement operation, int status) =>
        operation.TryGetProperty("responses", out var responses) &&
        (responses.TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _) ||
         responses.TryGetProperty($"{status / 100}XX", out _) || responses.TryGetProperty("default", out _));

    private static (string Uri, string? Body)? Build(JsonElement root, string path, JsonElement pathItem, string method, JsonElement operation, string shape, bool always = false)
    {
        var parameters = Parameters(pathItem).Concat(Parameters(operation)).ToList();
        var uri = path;
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var name = parameter.GetProperty("name").GetString()!;
            var schema = parameter.TryGetProperty("schema", out var s) ? s : default;
            switch (parameter.GetProperty("in").GetString())
            {
                case "path":
                    // Route values stay well formed: the route would not match otherwise, and that is a 404, not a test.
                    uri = uri.Replace($"{{{name}}}", Uri.EscapeDataString(Scalar(root, schema, "valid")?.ToString() ?? "x"));
                    break;
                case "query":
                    if (Value(root, schema, shape, 0) is JsonValue value)
                    {
                        query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value.ToString())}");
                    }

                    break;
            }
        }

        string? body = null;
        if (operation.TryGetProperty("requestBody", out var requestBody) &&
            requestBody.GetProperty("content").TryGetProperty("application/json", out var json) &&
            json.TryGetProperty("schema", out var bodySchema))
        {
            body = Value(root, bodySchema, shape, 0)?.ToJsonString() ?? "{}";
        }

        if (!always && body is null && query.Count == 0 && method is "get" or "delete")
        {
            return null;
        }

        return (query.Count == 0 ? uri : $"{uri}?{string.Join('&', query)}", body);
    }

    private static IEnumerable<JsonElement> Parameters(JsonElement element) =>
        element.TryGetProperty("parameters", out var list) ? list.EnumerateArray() : [];

    private static JsonNode? Value(JsonElement root, JsonElement schema, string shape, int depth)
    {
        schema = Resolve(root, schema);
        if (schema.ValueKind != JsonValueKind.Object || depth > 6)
        {
            return null;
        }

        foreach (var choice in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(choice, out var options))
            {
                var first = options.EnumerateArray().Select(o => Resolve(root, o)).FirstOrDefault(o => TypeOf(o) is not "null");
                return first.ValueKind == JsonValueKind.Undefined ? null : Value(root, first, shape, depth + 1);
            }
        }

        switch (TypeOf(schema))
        {
            case "array":
                var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                if (shape == "null-items")
                {
                    return new JsonArray((JsonNode?)null);
                }

                var array = new JsonArray();
                for (var i = 0; i < (shape == "huge-lists" ? 10_001 : 1); i++)
                {
                    array.Add(Value(root, items, shape == "huge-lists" ? "valid" : shape, depth + 1));
                }

                return array;
            case "object":
                var node = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        node[property.Name] = Value(root, property.Value, shape, depth + 1);
                    }
                }

                return node;
            default:
                return Scalar(root, schema, shape);
        }
    }

    private static JsonValue? Scalar(JsonElement root, JsonElement schema, string shape)
    {
        schema = Resolve(root, schema);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return JsonValue.Create("x");
        }

        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null) is { ValueKind: not JsonValueKind.Undefined } first)
        {
            return JsonValue.Create(first);
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return TypeOf(schema) switch
        {
            "integer" => JsonValue.Create(shape == "big-numbers" ? int.MaxValue : 1),
            "number" => JsonValue.Create(shape == "big-numbers" ? 1e308 : 1.5),
            "boolean" => JsonValue.Create(true),
            _ => format switch
            {
                "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                "date" => JsonValue.Create(shape switch { "max-dates" => "9999-12-31", "min-dates" => "0001-01-01", _ => "2030-06-03" }),
                "date-time" => JsonValue.Create(shape switch { "max-dates" => "9999-12-31T23:59:59+00:00", "min-dates" => "0001-01-01T00:00:00+00:00", _ => "2030-06-03T09:30:00+08:00" }),
                "time" => JsonValue.Create("09:30:00"),
                "int32" or "int64" => JsonValue.Create(shape == "big-numbers" ? int.MaxValue.ToString() : "1"),
                _ => JsonValue.Create(shape switch { "nul" => "a\u0000b", "long-text" => new string('长', 20_000), "mid-text" => new string('中', 1_500), _ => "测试" }),
            },
        };
    }

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? "object" : "string";
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null"
            : type.GetString()!;
    }

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var i = 0; i < 10 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); i++)
        {
            var target = root;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
            }

            schema = target;
        }

        return schema;
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>A client holding every role, so each request passes the endpoint's role policy and reaches its input checks.</summary>
public static class EveryRole
{
    public static readonly string[] Roles =
    [
        ServiceDefaults.Auth.Roles.Resident, ServiceDefaults.Auth.Roles.GridWorker, ServiceDefaults.Auth.Roles.StationStaff,
        ServiceDefaults.Auth.Roles.Volunteer, ServiceDefaults.Auth.Roles.Partner, ServiceDefaults.Auth.Roles.Admin,
    ];
}
