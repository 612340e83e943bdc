using System.Text.Json;
using System.Text.Json.Serialization;

namespace Community.Testing;

/// <summary>The services' JSON conventions (web defaults, enums by name), for reading their answers.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
