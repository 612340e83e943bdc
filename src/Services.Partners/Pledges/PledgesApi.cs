using System.Net;
using System.Security.Claims;
using System.Text;
using Community.Persistence;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Partners.Data;
using Community.Services.Partners.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Pledges;

/// <summary>Pledges: a partner offers on an open need, staff accept or decline, the partner delivers, staff confirm receipt; thanks follow.</summary>
public static class PledgesApi
{
    public static IEndpointRouteBuilder MapPledgesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/needs/{id:guid}/pledges", PledgeAsync).WithTags("Pledges").RequireAuthorization(Policies.Partners).WithName("Pledge")
            .WithSummary("My organisation pledges on an open need: what, how many, by when.");
        var group = app.MapGroup("/pledges").WithTags("Pledges").RequireAuthorization(Policies.PartnersAndStaff);
        group.MapGet("", ListAsync).WithName("ListPledges").WithSummary("My organisation's pledges (staff: all, or one need's with needId).");
        group.MapPost("/{id:guid}/accept", AcceptAsync).RequireAuthorization(Policies.Staff).WithName("AcceptPledge").WithSummary("Staff accept an offered pledge.");
        group.MapPost("/{id:guid}/decline", DeclineAsync).RequireAuthorization(Policies.Staff).WithName("DeclinePledge").WithSummary("Staff decline an offered pledge, saying why.");
        group.MapPost("/{id:guid}/delivered", DeliveredAsync).RequireAuthorization(Policies.Partners).WithName("MarkPledgeDelivered")
            .WithSummary("The partner says it delivered an accepted pledge.");
        group.MapPost("/{id:guid}/confirm-receipt", ConfirmAsync).RequireAuthorization(Policies.Staff).WithName("ConfirmPledgeReceipt")
            .WithSummary("Staff confirm they received a delivered pledge: it is fulfilled, counted towards the need, and thanked in public.");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).RequireAuthorization(Policies.Partners).WithName("WithdrawPledge")
            .WithSummary("The partner withdraws a pledge it has not delivered yet.");
        app.MapGet("/organisations/{id:guid}/contributions", ContributionsAsync).WithTags("Pledges").RequireAuthorization(Policies.PartnersAndStaff)
            .WithName("OrganisationContributions").WithSummary("Everything the organisation pledged, over time, and what was received.");
        app.MapGet("/organisations/{id:guid}/thank-you", ThankYouAsync).WithTags("Pledges").RequireAuthorization(Policies.PartnersAndStaff)
            .WithName("ThankYouLetter").WithSummary("A printable thank-you letter (HTML) for what the organisation gave this year.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }

    private static async Task<Results<Created<PledgeDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> PledgeAsync(
        Guid id, PledgeRequest request, PartnersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await caller.OrganisationAsync(db, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.Forbid();
        }

        var now = time.GetUtcNow();
        var today = Neighbourhood.Today(now);
        var errors = new FieldErrors().Require("what", request.What, 200).Range("quantity", request.Quantity ?? 0, 1, 10_000);
        if (request.DeliverBy is { } by && (by < today || by > today.AddYears(1)))
        {
            errors.Add("deliverBy", "must be a date within the next year.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // The need is held shared until the pledge is in: a closing (staff's, or the receipt that meets it) waits for
        // this pledge, or this finds the need closed. Before, a pledge that read the need open just as it closed landed
        // on a closed need.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var need = await db.Needs.HeldAsync(n => n.Id, id, cancellationToken);
        if (need is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such need.", $"There is no need {id}."));
        }

        if (!need.Open)
        {
            return TypedResults.Conflict(Problems.Conflict("The need is closed.", "This need has been met or closed; it takes no more pledges."));
        }

        var pledge = Pledge.Offer(need.Id, organisation.Id, request.What!, request.Quantity!.Value, request.DeliverBy, now);
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/pledges/{pledge.Id}", (await Project(db, db.Pledges.Where(p => p.Id == pledge.Id)).SingleAsync(cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<PledgeDto>>> ListAsync(Guid? needId, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var pledges = db.Pledges.AsQueryable();
        if (!caller.IsStaff())
        {
            var organisation = await caller.OrganisationAsync(db, cancellationToken);
            pledges = pledges.Where(p => organisation != null && p.OrganisationId == organisation.Id);
        }

        if (needId is { } need)
        {
            pledges = pledges.Where(p => p.NeedId == need);
        }

        return TypedResults.Ok<IReadOnlyList<PledgeDto>>(await Project(db, pledges.OrderByDescending(p => p.OfferedAt).Take(200)).ToListAsync(cancellationToken));
    }

    private static Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> AcceptAsync(
        Guid id, PartnersDbContext db, PledgeWorkflow workflow, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(id, Pledge.Accepted, null, db, workflow, caller, cancellationToken);

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> DeclineAsync(
        Guid id, DeclineRequest request, PartnersDbContext db, PledgeWorkflow workflow, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("reason", request.Reason, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await MoveAsync(id, Pledge.Declined, request.Reason!.Trim(), db, workflow, caller, cancellationToken) switch
        {
            { Result: NoContent ok } => ok,
            { Result: NotFound<ProblemDetails> notFound } => notFound,
            { Result: Conflict<ProblemDetails> conflict } => conflict,
            _ => TypedResults.Forbid(),
        };
    }

    private static Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> DeliveredAsync(
        Guid id, PartnersDbContext db, PledgeWorkflow workflow, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(id, Pledge.Delivered, null, db, workflow, caller, cancellationToken);

    private static Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> ConfirmAsync(
        Guid id, PartnersDbContext db, PledgeWorkflow workflow, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        MoveAsync(id, Pledge.Fulfilled, null, db, workflow, caller, cancellationToken);

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> WithdrawAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pledge is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such pledge.", $"There is no pledge {id}."));
        }

        if ((await caller.OrganisationAsync(db, cancellationToken))?.Id != pledge.OrganisationId)
        {
            return TypedResults.Forbid();
        }

        var withdrawn = await db.Pledges.Where(p => p.Id == id && (p.Status == Pledge.Offered || p.Status == Pledge.Accepted))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, Pledge.Withdrawn), cancellationToken);
        return withdrawn > 0 ? TypedResults.NoContent()
            : TypedResults.Conflict(Problems.Conflict("The pledge cannot be withdrawn.", $"The pledge is {pledge.Status}; only an offered or accepted pledge can be withdrawn."));
    }

    /// <summary>A move on one pledge: staff may decide and confirm any; a partner may only mark its own organisation's delivered.</summary>
    private static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> MoveAsync(
        Guid id, string to, string? reason, PartnersDbContext db, PledgeWorkflow workflow, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (pledge is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such pledge.", $"There is no pledge {id}."));
        }

        if (to == Pledge.Delivered && (await caller.OrganisationAsync(db, cancellationToken))?.Id != pledge.OrganisationId)
        {
            return TypedResults.Forbid();
        }

        return await workflow.MoveAsync(id, to, caller.AuditActor(), reason, cancellationToken) is { } refusal
            ? TypedResults.Conflict(refusal)
            : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ContributionsDto>, NotFound<ProblemDetails>, ForbidHttpResult>> ContributionsAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such organisation.", $"There is no partner organisation {id}."));
        }

        if (!await caller.MayActForAsync(id, db, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var pledges = await Project(db, db.Pledges.Where(p => p.OrganisationId == id).OrderByDescending(p => p.OfferedAt)).ToListAsync(cancellationToken);
        var fulfilled = pledges.Where(p => p.Status == Pledge.Fulfilled).ToList();
        return TypedResults.Ok(new ContributionsDto(id, organisation.Name, fulfilled.Count, fulfilled.Sum(p => p.Quantity), pledges));
    }

    private static async Task<Results<ContentHttpResult, NotFound<ProblemDetails>, ForbidHttpResult>> ThankYouAsync(
        Guid id, int? year, PartnersDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such organisation.", $"There is no partner organisation {id}."));
        }

        if (!await caller.MayActForAsync(id, db, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var today = Neighbourhood.Today(time.GetUtcNow());
        var forYear = year is >= 2000 and <= 2100 ? year.Value : today.Year;
        var fulfilled = (await Project(db, db.Pledges.Where(p => p.OrganisationId == id && p.Status == Pledge.Fulfilled)).ToListAsync(cancellationToken))
            .Where(p => Neighbourhood.Today(p.FulfilledAt!.Value).Year == forYear).OrderBy(p => p.FulfilledAt).ToList();
        return TypedResults.Content(ThankYouLetter.Html(organisation.Name, forYear, today, fulfilled), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static IQueryable<PledgeDto> Project(PartnersDbContext db, IQueryable<Pledge> pledges) =>
        pledges.Join(db.Needs, p => p.NeedId, n => n.Id, (p, n) => new { p, n })
            .Join(db.Organisations, x => x.p.OrganisationId, o => o.Id, (x, o) => new PledgeDto(x.p.Id, x.p.NeedId, x.n.Title, o.Id, o.Name, x.p.What, x.p.Quantity,
                x.p.DeliverBy, x.p.Status, x.p.OfferedAt, x.p.DecidedAt, x.p.DeclineReason, x.p.DeliveredAt, x.p.FulfilledAt));
}

/// <summary>The printable letter: plain HTML, every name and text encoded.</summary>
public static class ThankYouLetter
{
    public static string Html(string organisation, int year, DateOnly today, IReadOnlyList<PledgeDto> fulfilled)
    {
        var e = (string s) => WebUtility.HtmlEncode(s);
        var rows = fulfilled.Count == 0
            ? "<p>本年度暂无已确认的捐赠记录。</p>"
            : "<ul>" + string.Concat(fulfilled.Select(p => $"<li>{Neighbourhood.Today(p.FulfilledAt!.Value):yyyy年M月d日}：{e(p.What)} ×{p.Quantity}（{e(p.NeedTitle)}）</li>")) + "</ul>";
        return $$"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>感谢信 — {{e(organisation)}}</title>
            <style>body{font-family:serif;max-width:40em;margin:3em auto;font-size:18px;line-height:1.8}h1{text-align:center}.sign{text-align:right;margin-top:3em}</style>
            </head><body>
            <h1>感谢信</h1>
            <p>{{e(organisation)}}：</p>
            <p>{{year}}年，贵单位热心支持阳城贵都居民区的社区建设，为居民送来了以下帮助：</p>
            {{rows}}
            <p>衷心感谢贵单位的无私奉献！</p>
            <p class="sign">彭浦镇阳城贵都居民区党群服务站<br>{{today:yyyy年M月d日}}</p>
            </body></html>
            """;
    }
}
