namespace Community.Services.Partners.Webhooks;

public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string?>? Types);

public sealed record WebhookTypesRequest(IReadOnlyList<string?>? Types);

public sealed record RotateSecretRequest(int? OverlapHours);

public sealed record RedeliverRequest(Guid? EventId);

public sealed record WebhookEndpointDto(
    Guid Id, Guid OrganisationId, string Url, IReadOnlyList<string> Types, bool Enabled, DateTimeOffset? DisabledAt, string? DisabledReason,
    DateTimeOffset? FailingSince, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt)
{
    public static WebhookEndpointDto From(WebhookEndpoint e) =>
        new(e.Id, e.OrganisationId, e.Url, e.Types, e.Enabled, e.DisabledAt, e.DisabledReason, e.FailingSince, e.PreviousSecretExpiresAt, e.CreatedAt);
}

/// <summary>An endpoint with its signing secret: only in the answer that created or rotated it.</summary>
public sealed record WebhookSecretDto(WebhookEndpointDto Endpoint, string Secret);

public sealed record DeliveryAttemptDto(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error);

public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttemptDto> AttemptLog);
