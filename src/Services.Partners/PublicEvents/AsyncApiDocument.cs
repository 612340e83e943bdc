using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using CloudNative.CloudEvents;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// The AsyncAPI 3.0 document of the public events, built from <see cref="PublicEventCatalogue"/> so it cannot drift from
/// what is sent: one channel per event type (the AMQP routing key; the same envelope arrives by webhook and pull feed),
/// each message's payload the CloudEvent envelope with its <c>data</c> schema, and an example.
/// </summary>
public static class AsyncApiDocument
{
    private static readonly JsonSerializerOptions SchemaOptions = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static IEndpointRouteBuilder MapAsyncApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/asyncapi.json", (IOptions<PartnersOptions> options) => TypedResults.Text(Build(options.Value).ToJsonString(), "application/json", Encoding.UTF8))
            .AllowAnonymous().WithTags("Public events").WithName("AsyncApiDocument").WithSummary("The AsyncAPI 3.0 document of the public events.");
        return app;
    }

    public static JsonObject Build(PartnersOptions options)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var type in PublicEventCatalogue.All)
        {
            var key = Key(type.Name);
            messages[key] = new JsonObject
            {
                ["name"] = type.Name,
                ["title"] = type.Title,
                ["summary"] = type.Summary,
                ["contentType"] = "application/cloudevents+json",
                ["payload"] = Envelope(type),
                ["examples"] = new JsonArray(new JsonObject { ["name"] = "example", ["payload"] = Example(type) }),
            };
            channels[key] = new JsonObject
            {
                ["address"] = type.Name,
                ["title"] = type.Title,
                ["description"] = $"{type.Summary} AMQP: routing key `{type.Name}` on the `{options.Amqp.Exchange}` topic exchange. Webhook: a POST of the same envelope. Pull feed: `GET /api/partners/events?types={type.Name}`.",
                ["messages"] = new JsonObject { [key] = new JsonObject { ["$ref"] = $"#/components/messages/{key}" } },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject
                        {
                            ["name"] = options.Amqp.Exchange, ["type"] = "topic", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = options.Amqp.VirtualHost,
                        },
                        ["bindingVersion"] = "0.3.0",
                    },
                },
            };
            operations["receive" + char.ToUpperInvariant(key[0]) + key[1..]] = new JsonObject
            {
                ["action"] = "receive",
                ["title"] = $"Receive {type.Title.ToLowerInvariant()}",
                ["channel"] = new JsonObject { ["$ref"] = $"#/channels/{key}" },
                ["messages"] = new JsonArray(new JsonObject { ["$ref"] = $"#/channels/{key}/messages/{key}" }),
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Community — public events for partner organisations",
                ["version"] = "1.0.0",
                ["description"] = "What the Yangcheng Guidu neighbourhood platform tells its partners: needs, activities, understaffed shifts and fulfilled pledges. " +
                    "Every event is a CloudEvents 1.0 envelope in JSON and carries no personal data. The same event (same `id`) arrives by webhook " +
                    "(signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), in the pull feed and over AMQP; de-duplicate by `id`. " +
                    "AMQP: declare queues named with your prefix (`partner-{organisation id}.`) on the `partners` virtual host and bind them to the exchange.",
            },
            ["defaultContentType"] = "application/cloudevents+json",
            ["servers"] = new JsonObject
            {
                ["partners-amqp"] = new JsonObject
                {
                    ["host"] = options.Amqp.PublicHost ?? "localhost:5672",
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["pathname"] = "/" + options.Amqp.VirtualHost,
                    ["description"] = "RabbitMQ; your organisation's own user (POST /api/partners/organisations/mine/amqp-credentials).",
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages },
        };
    }

    /// <summary>The JSON schema of a type's <c>data</c>: every property required, nothing else allowed.</summary>
    public static JsonNode DataSchema(Type dataType) =>
        SchemaOptions.GetJsonSchemaAsNode(dataType, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
            {
                if (context.Path.IsEmpty && schema is JsonObject root)
                {
                    root["type"] = "object";
                    root["additionalProperties"] = false;
                }

                return schema;
            },
        });

    private static JsonObject Envelope(PublicEventType type) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray("specversion", "id", "source", "type", "time", "datacontenttype", "data"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["specversion"] = new JsonObject { ["type"] = "string", ["const"] = "1.0" },
            ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "The same for every delivery of this event: de-duplicate by it." },
            ["source"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference", ["const"] = PublicEventCatalogue.Source.ToString() },
            ["type"] = new JsonObject { ["type"] = "string", ["const"] = type.Name },
            ["subject"] = new JsonObject { ["type"] = "string", ["description"] = "The id of the thing the event is about (need, session, shift)." },
            ["time"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            ["datacontenttype"] = new JsonObject { ["type"] = "string", ["const"] = "application/json" },
            ["data"] = DataSchema(type.DataType),
        },
    };

    private static JsonNode Example(PublicEventType type)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = "0195a1ff-0000-7000-8000-000000000001",
            Type = type.Name,
            Source = PublicEventCatalogue.Source,
            Subject = "0195a100-0000-7000-8000-000000000001",
            Time = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero),
            DataContentType = "application/json",
            Data = type.Example,
        };
        return JsonNode.Parse(PublicEventWriter.Formatter.EncodeStructuredModeMessage(cloudEvent, out _).Span)!;
    }

    private static string Key(string type)
    {
        var parts = type.Split('.')[2..];
        return parts[0] + string.Concat(parts[1..].Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
