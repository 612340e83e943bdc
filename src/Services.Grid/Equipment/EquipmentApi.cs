using System.Security.Claims;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Grid.Data;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Equipment;

/// <summary>
/// Equipment lending: the station's items and their history, loans to residents, the waiting list per kind, broken
/// items out of service, donations. Staff and grid workers lend; a grid worker only to residents of their grids.
/// </summary>
public static class EquipmentApi
{
    private const int MaxLoanDays = 180;

    public static IEndpointRouteBuilder MapEquipmentApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/equipment").WithTags("Equipment").RequireAuthorization(Policies.Workers);
        items.MapGet("", ListAsync).WithName("ListEquipment").WithSummary("The items, of one kind or all, each with where it stands.");
        items.MapPost("", AddAsync).RequireAuthorization(Policies.Staff).WithName("AddEquipment")
            .WithSummary("Adds items (bought, or donated: name the donor), labelled as given or numbered on (轮椅车 4号); the first residents waiting for the kind are offered them.");
        items.MapGet("/{id:guid}", GetAsync).WithName("GetEquipment").WithSummary("One item with its history.");
        items.MapPost("/{id:guid}/loans", LendAsync).WithName("LendEquipment").WithSummary("Lends the item to a resident until a due date.");
        items.MapPost("/{id:guid}/broken", BrokenAsync).WithName("ReportEquipmentBroken")
            .WithSummary("Takes the item out of service; when no working one of its kind is left, partners are asked for one.");
        items.MapPost("/{id:guid}/repaired", RepairedAsync).RequireAuthorization(Policies.Staff).WithName("RepairEquipment").WithSummary("Puts a repaired item back in service.");
        items.MapGet("/waiting-list", WaitingListAsync).WithName("EquipmentWaitingList").WithSummary("Who waits for a kind, in the order they will be offered an item.");
        items.MapPost("/waiting-list", WaitAsync).WithName("JoinEquipmentWaitingList").WithSummary("Puts a resident on a kind's waiting list.");
        items.MapPost("/waiting-list/{id:guid}/cancel", CancelWaitAsync).WithName("LeaveEquipmentWaitingList")
            .WithSummary("Takes a resident off the waiting list; an item held for them goes to the next person waiting (as it does by itself when the hold's deadline passes).");
        items.MapGet("/loans", LoansAsync).WithName("ListLoans").WithSummary("Open loans (overdue=true: only those past their due date), for the caller's grids.");
        app.MapPost("/loans/{id:guid}/return", ReturnAsync).WithTags("Equipment").RequireAuthorization(Policies.Workers).WithName("ReturnEquipment")
            .WithSummary("Records the item back, in what condition (broken takes it out of service).");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ItemDto>>, ValidationProblem>> ListAsync(string? kind, GridDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (kind is not null)
        {
            CheckKind(kind, errors);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok<IReadOnlyList<ItemDto>>(await Project(db, db.EquipmentItems.Where(i => kind == null || i.Kind == kind)
            .OrderBy(i => i.Kind).ThenBy(i => i.AddedAt)).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<ItemDetailDto>, NotFound<ProblemDetails>>> GetAsync(Guid id, GridDbContext db, CancellationToken cancellationToken)
    {
        var item = await Project(db, db.EquipmentItems.Where(i => i.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (item is null)
        {
            return NoSuchItem(id);
        }

        var history = await db.EquipmentItemEvents.AsNoTracking().Where(e => e.ItemId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ItemEventDto(e.At, e.What, e.By, e.Note)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ItemDetailDto(item, history));
    }

    private static async Task<Results<Created<IReadOnlyList<ItemDto>>, ValidationProblem>> AddAsync(
        ItemRequest request, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("label", request.Label, 50).Optional("donatedBy", request.DonatedBy, 100).Range("count", request.Count ?? 1, 1, 20);
        CheckKind(request.Kind, errors);
        if (request.Label is not null && request.Count is > 1)
        {
            errors.Add("label", "names one item: leave it out when adding several, and they are numbered.");
        }

        if (request.Condition is not null and not ("good" or "worn"))
        {
            errors.Add("condition", "must be good or worn (a broken item is not added).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var added = await lending.AddAsync(request.Kind!, request.Count ?? 1, request.Label, request.Condition ?? "good", request.DonatedBy?.Trim(), caller.AuditActor(), cancellationToken);
        var ids = added.Select(i => i.Id).ToList();
        return TypedResults.Created("/equipment", (IReadOnlyList<ItemDto>)await Project(db, db.EquipmentItems.Where(i => ids.Contains(i.Id))).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Created<LoanDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> LendAsync(
        Guid id, LoanRequest request, GridDbContext db, Lending lending, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var errors = new FieldErrors();
        if (request.ResidentId is null || request.ResidentId == Guid.Empty)
        {
            errors.Add("residentId", "is required.");
        }

        if (request.DueOn is not { } due || due < today || due > today.AddDays(MaxLoanDays))
        {
            errors.Add("dueOn", $"must be a date from today up to {MaxLoanDays} days ahead.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.EquipmentItems.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return NoSuchItem(id);
        }

        switch (await ResidentAccessAsync(db, caller, request.ResidentId!.Value, cancellationToken))
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        var (loan, refusal) = await lending.LendAsync(id, request.ResidentId!.Value, request.DueOn!.Value, caller.AuditActor(), cancellationToken);
        if (refusal is not null)
        {
            return TypedResults.Conflict(refusal);
        }

        return TypedResults.Created($"/loans/{loan!.Id}", await ProjectLoans(db, db.EquipmentLoans.Where(l => l.Id == loan.Id), today).SingleAsync(cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> ReturnAsync(
        Guid id, ReturnRequest request, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("note", request.Note, 500);
        if (request.Condition is null || !EquipmentItem.Conditions.Contains(request.Condition))
        {
            errors.Add("condition", "must be good, worn or broken.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var residentId = await db.EquipmentLoans.Where(l => l.Id == id).Select(l => (Guid?)l.ResidentId).FirstOrDefaultAsync(cancellationToken);
        if (residentId is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such loan.", $"There is no loan {id}."));
        }

        if (await ResidentAccessAsync(db, caller, residentId.Value, cancellationToken) is ForbidHttpResult forbid)
        {
            return forbid;
        }

        return await lending.ReturnAsync(id, request.Condition!, request.Note?.Trim(), caller.AuditActor(), cancellationToken) is { } refusal
            ? TypedResults.Conflict(refusal) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> BrokenAsync(
        Guid id, BrokenRequest? request, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Optional("note", request?.Note, 500);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await db.EquipmentItems.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return NoSuchItem(id);
        }

        // Reporting a lent item broken closes its loan: only someone who works the borrower's grid may.
        var borrower = await db.EquipmentLoans.Where(l => l.ItemId == id && l.ReturnedAt == null).Select(l => (Guid?)l.ResidentId).FirstOrDefaultAsync(cancellationToken);
        if (borrower is { } resident && await ResidentAccessAsync(db, caller, resident, cancellationToken) is ForbidHttpResult forbid)
        {
            return forbid;
        }

        return await lending.ReportBrokenAsync(id, request?.Note?.Trim(), caller.AuditActor(), cancellationToken) is { } refusal
            ? TypedResults.Conflict(refusal) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> RepairedAsync(
        Guid id, RepairRequest? request, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (request?.Condition is not (null or "good" or "worn"))
        {
            return new FieldErrors().Add("condition", "must be good or worn.").ToProblem();
        }

        if (!await db.EquipmentItems.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return NoSuchItem(id);
        }

        return await lending.RepairAsync(id, request?.Condition ?? "good", caller.AuditActor(), cancellationToken) is { } refusal
            ? TypedResults.Conflict(refusal) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<WaitDto>>, ValidationProblem>> WaitingListAsync(string? kind, GridDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckKind(kind, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var working = await db.WorkingGridsAsync(caller, cancellationToken);
        var waits = await db.EquipmentWaits.AsNoTracking()
            .Where(w => w.Kind == kind && (w.Status == EquipmentWait.Waiting || w.Status == EquipmentWait.Offered))
            .Join(db.Residents, w => w.ResidentId, r => r.Id, (w, r) => new { Wait = w, r.Name, r.HouseholdId })
            .Join(db.Households, x => x.HouseholdId, h => h.Id, (x, h) => new { x.Wait, x.Name, h.BuildingId })
            .OrderBy(x => x.Wait.Status == EquipmentWait.Offered ? 0 : 1).ThenBy(x => x.Wait.JoinedAt).ThenBy(x => x.Wait.Id)
            .ToListAsync(cancellationToken);
        var grids = await db.GridBuildings.AsNoTracking().Where(g => g.Until == null).ToDictionaryAsync(g => g.BuildingId, g => (Guid?)g.GridId, cancellationToken);
        var position = 0;
        var list = waits.Select(x => (x, Position: x.Wait.Status == EquipmentWait.Waiting ? ++position : (int?)null))
            // Everyone's place counts, but a grid worker sees names only for their own grids' residents.
            .Where(p => working.Includes(grids.GetValueOrDefault(p.x.BuildingId)))
            .Select(p => new WaitDto(p.x.Wait.Id, p.x.Wait.Kind, p.x.Wait.ResidentId, p.x.Name, p.Position, p.x.Wait.Status, p.x.Wait.OfferedItemId, p.x.Wait.JoinedAt, p.x.Wait.HeldUntil))
            .ToList();
        return TypedResults.Ok<IReadOnlyList<WaitDto>>(list);
    }

    private static async Task<Results<Created<WaitDto>, ValidationProblem, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> WaitAsync(
        WaitRequest request, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckKind(request.Kind, errors);
        if (request.ResidentId is null || request.ResidentId == Guid.Empty)
        {
            errors.Add("residentId", "is required.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        switch (await ResidentAccessAsync(db, caller, request.ResidentId!.Value, cancellationToken))
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        var (wait, refusal) = await lending.WaitAsync(request.Kind!, request.ResidentId!.Value, cancellationToken);
        if (refusal is not null)
        {
            return TypedResults.Conflict(refusal);
        }

        var saved = await db.EquipmentWaits.AsNoTracking().SingleAsync(w => w.Id == wait!.Id, cancellationToken);
        var ahead = await db.EquipmentWaits.CountAsync(w => w.Kind == saved.Kind && w.Status == EquipmentWait.Waiting
            && (w.JoinedAt < saved.JoinedAt || (w.JoinedAt == saved.JoinedAt && w.Id.CompareTo(saved.Id) < 0)), cancellationToken);
        var name = await db.Residents.Where(r => r.Id == saved.ResidentId).Select(r => r.Name).SingleAsync(cancellationToken);
        return TypedResults.Created($"/equipment/waiting-list?kind={saved.Kind}", new WaitDto(saved.Id, saved.Kind, saved.ResidentId, name,
            saved.Status == EquipmentWait.Waiting ? ahead + 1 : null, saved.Status, saved.OfferedItemId, saved.JoinedAt, saved.HeldUntil));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ForbidHttpResult>> CancelWaitAsync(
        Guid id, GridDbContext db, Lending lending, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var wait = await db.EquipmentWaits.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (wait is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such place on a waiting list.", $"There is no waiting-list entry {id}."));
        }

        switch (await ResidentAccessAsync(db, caller, wait.ResidentId, cancellationToken))
        {
            case NotFound<ProblemDetails> notFound: return notFound;
            case ForbidHttpResult forbid: return forbid;
        }

        return await lending.CancelWaitAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Conflict(Problems.Conflict("No longer waiting.", "The resident was already served or taken off the list.", ProblemTypes.Conflict));
    }

    private static async Task<Ok<IReadOnlyList<LoanDto>>> LoansAsync(bool? overdue, GridDbContext db, TimeProvider time, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var today = Neighbourhood.Today(time.GetUtcNow());
        var working = await db.WorkingGridsAsync(caller, cancellationToken);
        var teams = working.Teams.ToList();
        var loans = db.EquipmentLoans.Where(l => l.ReturnedAt == null && (overdue != true || l.DueOn < today));
        if (!working.All)
        {
            loans = loans.Where(l => db.Residents.Any(r => r.Id == l.ResidentId && db.Households.Any(h => h.Id == r.HouseholdId
                && db.GridBuildings.Any(g => g.BuildingId == h.BuildingId && g.Until == null && teams.Contains(g.GridId)))));
        }

        return TypedResults.Ok<IReadOnlyList<LoanDto>>(await ProjectLoans(db, loans.OrderBy(l => l.DueOn).Take(500), today).ToListAsync(cancellationToken));
    }

    /// <summary>The one question for a resident named in a lending call: do they exist, and does the caller work their grid?</summary>
    private static async Task<IResult?> ResidentAccessAsync(GridDbContext db, ClaimsPrincipal caller, Guid residentId, CancellationToken cancellationToken)
    {
        var building = await db.Residents.Where(r => r.Id == residentId)
            .Join(db.Households, r => r.HouseholdId, h => h.Id, (r, h) => (Guid?)h.BuildingId).FirstOrDefaultAsync(cancellationToken);
        if (building is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such resident.", $"There is no resident {residentId}."));
        }

        return await db.MayWorkOnBuildingAsync(caller, building.Value, cancellationToken) ? null : TypedResults.Forbid();
    }

    private static void CheckKind(string? kind, FieldErrors errors)
    {
        if (kind is null || !EquipmentItem.Kinds.Contains(kind))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", EquipmentItem.Kinds)}.");
        }
    }

    private static NotFound<ProblemDetails> NoSuchItem(Guid id) => TypedResults.NotFound(Problems.NotFound("No such item.", $"There is no equipment item {id}."));

    private static IQueryable<ItemDto> Project(GridDbContext db, IQueryable<EquipmentItem> items) =>
        items.AsNoTracking().Select(i => new ItemDto(i.Id, i.Kind, i.Label, i.Condition,
            !i.InService ? "out-of-service"
            : db.EquipmentLoans.Any(l => l.ItemId == i.Id && l.ReturnedAt == null) ? "lent"
            : db.EquipmentWaits.Any(w => w.OfferedItemId == i.Id && w.Status == EquipmentWait.Offered) ? "held"
            : "available",
            i.DonatedBy, i.AddedAt));

    private static IQueryable<LoanDto> ProjectLoans(GridDbContext db, IQueryable<Loan> loans, DateOnly today) =>
        loans.AsNoTracking()
            .Join(db.EquipmentItems, l => l.ItemId, i => i.Id, (l, i) => new { l, i.Label })
            .Join(db.Residents, x => x.l.ResidentId, r => r.Id, (x, r) => new LoanDto(x.l.Id, x.l.ItemId, x.Label, x.l.ResidentId, r.Name, x.l.LentAt, x.l.DueOn,
                x.l.ReturnedAt, x.l.ReturnedAt == null && x.l.DueOn < today));
}
