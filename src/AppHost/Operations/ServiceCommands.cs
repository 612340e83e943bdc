using System.Net.Http.Json;
using System.Text.Json;

namespace Community.AppHost.Operations;

/// <summary>
/// The dashboard's actions on a service's event flow. Each calls the service's <c>/ops</c> endpoints (never
/// forwarded by the gateway) with the operations key, and shows the service's answer in the dashboard; the service
/// logs what was done, by whom and how many, in its own log.
/// </summary>
public static class ServiceCommands
{
    public const string PublishPending = "publish-pending-events";
    public const string RequeueErrors = "requeue-error-messages";
    public const string ShowBacklog = "show-outbox-backlog";
    public const string QueueArgument = "queue";

    private const string KeyParameter = "operations-key";
    private const string KeyHeader = "X-Operations-Key";
    private const string ByHeader = "X-Operations-By";

    public static IResourceBuilder<ProjectResource> WithOperationsCommands(this IResourceBuilder<ProjectResource> service, string operationsKey)
    {
        // A secret parameter, so the dashboard masks it among the service's environment variables.
        var builder = service.ApplicationBuilder;
        var parameter = builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == KeyParameter) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(KeyParameter, operationsKey, secret: true);
        service.WithEnvironment("Operations__Key", parameter);

        service.WithHttpCommand("/ops/outbox/publish", "Publish pending events now", commandName: PublishPending,
            commandOptions: Options(operationsKey, HttpMethod.Post,
                "Makes every unpublished event due now and wakes the outbox relay (after an outage, nobody waits for the back-off).",
                "Send", json => $"{json.GetProperty("pending").GetInt64()} event(s) pending; {json.GetProperty("madeDue").GetInt32()} waiting for a retry made due now."));

        service.WithHttpCommand("/ops/outbox/backlog", "Show outbox backlog", commandName: ShowBacklog,
            commandOptions: Options(operationsKey, HttpMethod.Get,
                "Writes a line with the unpublished events by type to the service's log, and shows it here.",
                "TextBulletListLtr", json => $"{json.GetProperty("pending").GetInt64()} event(s) pending.", showJson: true));

        var requeue = Options(operationsKey, HttpMethod.Post,
            "Moves the messages parked in a consumer's _error queue back to it (or of every consumer); the inbox skips any already applied.",
            "ArrowRepeatAll", json => $"{json.GetProperty("moved").GetInt32()} message(s) moved back.", showJson: true);
        requeue.Arguments =
        [
            new InteractionInput
            {
                Name = QueueArgument,
                Label = "Consumer queue",
                Description = "The queue to move its _error messages back to, e.g. grid-volunteer-registered; empty for every consumer of this service.",
                InputType = InputType.Text,
                Required = false,
                Placeholder = "all",
            },
        ];
        requeue.ConfirmationMessage = "Move the _error messages back to be consumed again?";
        requeue.PrepareRequest = Prepare(operationsKey, context =>
        {
            var queue = context.Arguments.TryGetByName(QueueArgument, out var input) ? input.Value : null;
            if (!string.IsNullOrWhiteSpace(queue))
            {
                context.Request.RequestUri = new Uri(context.Request.RequestUri!, $"?queue={Uri.EscapeDataString(queue.Trim())}");
            }
        });
        service.WithHttpCommand("/ops/error-queues/requeue", "Move _error messages back", commandName: RequeueErrors, commandOptions: requeue);
        return service;
    }

    private static HttpCommandOptions Options(
        string key, HttpMethod method, string description, string icon, Func<JsonElement, string> summarise, bool showJson = false) => new()
        {
            Method = method,
            Description = description,
            IconName = icon,
            PrepareRequest = Prepare(key, _ => { }),
            GetCommandResult = async context =>
            {
                var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
                if (!context.Response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"The service answered {(int)context.Response.StatusCode}: {body}");
                }

                using var json = JsonDocument.Parse(body);
                var message = summarise(json.RootElement);
                return showJson
                    ? CommandResults.Success(message, JsonSerializer.Serialize(json.RootElement, Indented), CommandResultFormat.Json, displayImmediately: true)
                    : CommandResults.Success(message);
            },
        };

    private static Func<HttpCommandRequestContext, Task> Prepare(string key, Action<HttpCommandRequestContext> more) => context =>
    {
        context.Request.Headers.Add(KeyHeader, key);
        // The dashboard does not say who clicked; the AppHost's user is the operator on this machine.
        context.Request.Headers.Add(ByHeader, $"{Environment.UserName} (dashboard)");
        more(context);
        return Task.CompletedTask;
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
