using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Data;
using Community.Services.Partners.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.PublicEvents;

/// <summary>
/// A page of the pull feed: CloudEvents (the same documents the webhooks and AMQP carry) in the order they were
/// published, and the cursor to ask for the next page with. A partner keeps the last <see cref="Next"/> it processed.
/// </summary>
public sealed record FeedPage(IReadOnlyList<JsonElement> Events, string Next, bool HasMore);

/// <summary>The pull feed: a partner that was away catches up by itself, from its cursor, for 90 days.</summary>
public static class FeedApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", FeedAsync).WithTags("Public events").RequireAuthorization(Policies.PartnersAndStaff)
            .WithName("PublicEventFeed")
            .WithSummary("Public events after a cursor (none: from the oldest kept), oldest first, optionally of some types only (comma-separated).");
        return app;
    }

    private static async Task<Results<Ok<FeedPage>, ValidationProblem, ForbidHttpResult>> FeedAsync(
        string? after, string? types, int? limit, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff() && await caller.OrganisationAsync(db, cancellationToken) is null)
        {
            return TypedResults.Forbid();
        }

        var errors = new FieldErrors();
        long cursor = 0;
        if (after is not null && (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) || cursor < 0))
        {
            errors.Add("after", "must be a cursor this feed returned.");
        }

        var wanted = types?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (wanted.Length > 20)
        {
            errors.Add("types", "must name at most 20 types.");
        }
        else if (wanted.FirstOrDefault(t => !PublicEventCatalogue.IsKnown(t)) is { } unknown)
        {
            errors.Add("types", $"'{(unknown.Length > 60 ? unknown[..60] : unknown)}' is not a public event type; the types are listed in /asyncapi.json.");
        }

        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.PublicEvents.AsNoTracking().Where(e => e.Sequence != null && e.Sequence > cursor);
        if (wanted.Length > 0)
        {
            query = query.Where(e => wanted.Contains(e.Type));
        }

        var rows = await query.OrderBy(e => e.Sequence).Take(size + 1).Select(e => new { Sequence = e.Sequence!.Value, e.Envelope }).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = page.Count > 0 ? page[^1].Sequence : cursor;
        // Deserialising to an element copies it out, leaving no pooled document undisposed.
        var events = page.Select(r => JsonSerializer.Deserialize<JsonElement>(r.Envelope)).ToList();
        return TypedResults.Ok(new FeedPage(events, next.ToString(CultureInfo.InvariantCulture), rows.Count > size));
    }
}
