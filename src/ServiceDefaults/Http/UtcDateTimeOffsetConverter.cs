using System.Text.Json;
using System.Text.Json.Serialization;

namespace Community.ServiceDefaults.Http;

/// <summary>
/// Reads every instant a client sends ("2026-12-05T09:00:00+08:00") as the same instant in UTC. PostgreSQL's
/// timestamptz through Npgsql takes only UTC values, and clients here naturally send Shanghai time; normalising
/// once at the door means no endpoint can forget it and answer a 500.
/// </summary>
public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
