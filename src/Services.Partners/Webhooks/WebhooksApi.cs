using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Data;
using Community.Services.Partners.Organisations;
using Community.Services.Partners.PublicEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Services.Partners.Webhooks;

/// <summary>A partner's webhook endpoints: register, change, switch on again, rotate the secret, see every attempt, redeliver.</summary>
public static class WebhooksApi
{
    private const int MaxTypes = 20;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.PartnersAndStaff);
        group.MapPost("", RegisterAsync).RequireAuthorization(Policies.Partners).WithName("RegisterWebhook")
            .WithSummary("Registers an HTTPS endpoint for some public event types; the signing secret is in this answer only.");
        group.MapGet("", ListAsync).WithName("ListWebhooks").WithSummary("My organisation's endpoints (staff: every organisation's).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("One endpoint, without its secret.");
        group.MapPut("/{id:guid}/types", ChangeTypesAsync).RequireAuthorization(Policies.Partners).WithName("ChangeWebhookTypes")
            .WithSummary("Changes which public event types the endpoint receives.");
        group.MapPost("/{id:guid}/enable", EnableAsync).RequireAuthorization(Policies.Partners).WithName("EnableWebhook")
            .WithSummary("Switches a disabled endpoint on again; its waiting deliveries are sent.");
        group.MapPost("/{id:guid}/rotate-secret", RotateAsync).RequireAuthorization(Policies.Partners).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret (in this answer only); the old one keeps signing beside it for the overlap (default 24 h).");
        group.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.Partners).WithName("DeleteWebhook")
            .WithSummary("Removes the endpoint and its delivery log.");
        group.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first, each with every attempt (time, status code, duration).");
        group.MapPost("/{id:guid}/redeliver", RedeliverAsync).RequireAuthorization(Policies.Partners).WithName("RedeliverWebhookEvent")
            .WithSummary("Sends a public event (one of the endpoint's types, within the feed's 90 days) to the endpoint again.");
        return app;
    }

    private static async Task<Results<Created<WebhookSecretDto>, ValidationProblem, ForbidHttpResult>> RegisterAsync(
        WebhookEndpointRequest request, PartnersDbContext db, TimeProvider time, IOptions<PartnersOptions> options, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var organisation = await caller.OrganisationAsync(db, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.Forbid();
        }

        var errors = new FieldErrors();
        var types = CheckTypes(request.Types, errors);
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            errors.Add("url", "is required.");
        }
        else if (request.Url.Length > 2000)
        {
            errors.Add("url", "must be at most 2000 characters.");
        }
        else if (await EndpointAddress.ResolveProblemAsync(request.Url, options.Value.LocalMode, cancellationToken) is { } problem)
        {
            errors.Add("url", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var endpoint = WebhookEndpoint.Register(organisation.Id, request.Url!, types, WebhookSecrets.New(), time.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/webhooks/{endpoint.Id}", new WebhookSecretDto(WebhookEndpointDto.From(endpoint), endpoint.Secret));
    }

    private static async Task<Ok<IReadOnlyList<WebhookEndpointDto>>> ListAsync(PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await caller.OrganisationAsync(db, cancellationToken);
        var endpoints = caller.IsStaff() ? db.WebhookEndpoints : db.WebhookEndpoints.Where(e => organisation != null && e.OrganisationId == organisation.Id);
        var list = await endpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<WebhookEndpointDto>>(list.Select(WebhookEndpointDto.From).ToList());
    }

    private static async Task<Results<Ok<WebhookEndpointDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken);
        return refusal switch
        {
            NotFound<ProblemDetails> notFound => notFound,
            ForbidHttpResult forbid => forbid,
            _ => TypedResults.Ok(WebhookEndpointDto.From(endpoint!)),
        };
    }

    private static async Task<Results<Ok<WebhookEndpointDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> ChangeTypesAsync(
        Guid id, WebhookTypesRequest request, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var types = CheckTypes(request.Types, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken, mustOwn: true);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        endpoint!.Change(types);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookEndpointDto.From(endpoint));
    }

    private static async Task<Results<Ok<WebhookEndpointDto>, NotFound<ProblemDetails>, ForbidHttpResult>> EnableAsync(
        Guid id, PartnersDbContext db, DeliverySignals signals, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken, mustOwn: true);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        endpoint!.Enable();
        await db.SaveChangesAsync(cancellationToken);
        signals.Webhooks.Wake();
        return TypedResults.Ok(WebhookEndpointDto.From(endpoint));
    }

    private static async Task<Results<Ok<WebhookSecretDto>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> RotateAsync(
        Guid id, RotateSecretRequest? request, PartnersDbContext db, TimeProvider time, IOptions<PartnersOptions> options, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request?.OverlapHours is { } hours)
        {
            errors.Range("overlapHours", hours, 0, 168);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken, mustOwn: true);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        var overlap = request?.OverlapHours is { } h ? TimeSpan.FromHours(h) : options.Value.Webhooks.DefaultSecretOverlap;
        endpoint!.RotateSecret(WebhookSecrets.New(), overlap, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new WebhookSecretDto(WebhookEndpointDto.From(endpoint), endpoint.Secret));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, ForbidHttpResult>> DeleteAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken, mustOwn: true);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        db.WebhookEndpoints.Remove(endpoint!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<WebhookDeliveryDto>>, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> DeliveriesAsync(
        Guid id, int? page, int? pageSize, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.From(page, pageSize, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (_, refusal) = await FindAsync(id, db, caller, cancellationToken);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Join(db.PublicEvents, d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.Type })
            .ToListAsync(cancellationToken);
        var deliveryIds = rows.Select(r => r.Delivery.Id).ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => deliveryIds.Contains(a.DeliveryId)).OrderBy(a => a.AttemptedAt).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        var items = rows.Select(r => new WebhookDeliveryDto(r.Delivery.Id, r.Delivery.EventId, r.Type, r.Delivery.Status, r.Delivery.Attempts,
            r.Delivery.Status == WebhookDelivery.Pending ? r.Delivery.NextAttemptAt : null, r.Delivery.CreatedAt, r.Delivery.DeliveredAt,
            attempts[r.Delivery.Id].Select(a => new DeliveryAttemptDto(a.AttemptedAt, a.StatusCode, a.DurationMs, a.Error)).ToList())).ToList();
        return TypedResults.Ok(new Page<WebhookDeliveryDto>(items, paging.PageNumber, paging.PageSize, total));
    }

    private static async Task<Results<Accepted, ValidationProblem, NotFound<ProblemDetails>, ForbidHttpResult>> RedeliverAsync(
        Guid id, RedeliverRequest request, PartnersDbContext db, DeliverySignals signals, TimeProvider time, IOptions<PartnersOptions> options,
        ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request.EventId is not { } eventId || eventId == Guid.Empty)
        {
            return new FieldErrors().Add("eventId", "is required.").ToProblem();
        }

        var (endpoint, refusal) = await FindAsync(id, db, caller, cancellationToken, mustOwn: true);
        switch (refusal)
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        var publicEvent = await db.PublicEvents.AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.Type }).FirstOrDefaultAsync(cancellationToken);
        if (publicEvent is null || !endpoint!.Types.Contains(publicEvent.Type))
        {
            return TypedResults.NotFound(Problems.NotFound("No such event for this endpoint.",
                $"There is no public event {eventId} of a type this endpoint receives (events are kept {options.Value.FeedRetention.TotalDays:0} days)."));
        }

        var now = time.GetUtcNow();
        var giveUpAt = now + options.Value.Webhooks.GiveUpAfter;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO webhook_deliveries (id, endpoint_id, event_id, status, attempts, next_attempt_at, give_up_at, created_at)
            VALUES ({Guid.CreateVersion7()}, {id}, {eventId}, 'pending', 0, {now}, {giveUpAt}, {now})
            ON CONFLICT (endpoint_id, event_id) DO UPDATE SET status = 'pending', next_attempt_at = {now}, give_up_at = {giveUpAt}
            """, cancellationToken);
        signals.Webhooks.Wake();
        return TypedResults.Accepted($"/webhooks/{id}/deliveries");
    }

    /// <summary>The one question for every endpoint id: does it exist, and may this caller see (or, <paramref name="mustOwn"/>, change) it?</summary>
    private static async Task<(WebhookEndpoint? Endpoint, IResult? Refusal)> FindAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken, bool mustOwn = false)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return (null, TypedResults.NotFound(Problems.NotFound("No such webhook endpoint.", $"There is no webhook endpoint {id}.")));
        }

        var organisation = await caller.OrganisationAsync(db, cancellationToken);
        var owns = organisation?.Id == endpoint.OrganisationId;
        return owns || (!mustOwn && caller.IsStaff()) ? (endpoint, null) : (null, TypedResults.Forbid());
    }

    private static List<string> CheckTypes(IReadOnlyList<string?>? types, FieldErrors errors)
    {
        if (types is null || types.Count == 0)
        {
            errors.Add("types", "name at least one public event type.");
            return [];
        }

        if (types.Count > MaxTypes)
        {
            errors.Add("types", $"must hold at most {MaxTypes} items.");
            return [];
        }

        var unknown = types.Where(t => t is null || !PublicEventCatalogue.IsKnown(t)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("types", $"holds unknown event types ({string.Join(", ", unknown.Select(t => t ?? "null").Take(5))}); the types are listed in /asyncapi.json.");
        }

        return types.Where(t => t is not null).Select(t => t!).ToList();
    }
}
