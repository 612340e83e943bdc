using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Privacy;
using Community.Services.Partners.Amqp;
using Community.Services.Partners.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Partners.Organisations;

/// <summary>The partner registry: staff add and approve organisations and name who acts for them; a partner sees its own.</summary>
public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/organisations").WithTags("Organisations");
        group.MapPost("", AddAsync).RequireAuthorization(Policies.Staff).WithName("AddOrganisation")
            .WithSummary("Adds a partner organisation (not yet approved).");
        group.MapGet("", ListAsync).RequireAuthorization(Policies.Staff).WithName("ListOrganisations").WithSummary("Every partner organisation.");
        group.MapGet("/mine", MineAsync).RequireAuthorization(Policies.Partners).WithName("MyOrganisation")
            .WithSummary("The organisation the caller acts for.");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.PartnersAndStaff).WithName("GetOrganisation")
            .WithSummary("One organisation (a partner: its own only).");
        group.MapPost("/{id:guid}/approve", ApproveAsync).RequireAuthorization(Policies.Staff).WithName("ApproveOrganisation")
            .WithSummary("Approves the organisation: it may now receive public events and pledge; its AMQP user is created.");
        group.MapPut("/{id:guid}/members/{accountId:guid}", AddMemberAsync).RequireAuthorization(Policies.Staff).WithName("AddOrganisationMember")
            .WithSummary("Lets an account act for the organisation.");
        group.MapDelete("/{id:guid}/members/{accountId:guid}", RemoveMemberAsync).RequireAuthorization(Policies.Staff).WithName("RemoveOrganisationMember")
            .WithSummary("Stops an account acting for the organisation.");
        group.MapPost("/mine/amqp-credentials", AmqpCredentialsAsync).RequireAuthorization(Policies.Partners).WithName("IssueAmqpCredentials")
            .WithSummary("A new password for the organisation's own AMQP user (in this answer only; the old one stops working).");
        return app;
    }

    private static async Task<Results<Created<OrganisationDto>, ValidationProblem, Conflict<ProblemDetails>>> AddAsync(
        OrganisationRequest request, PartnersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Require("name", request.Name, 100)
            .Require("contactName", request.ContactName, 50)
            .OptionalList("areasOfHelp", request.AreasOfHelp, 10, 30);
        if (request.Kind is null || !Organisation.Kinds.Contains(request.Kind))
        {
            errors.Add("kind", $"must be one of {string.Join(", ", Organisation.Kinds)}.");
        }

        if (!PhoneNumbers.IsValidMobile(request.ContactPhone))
        {
            errors.Add("contactPhone", "must be a mainland China mobile number (11 digits).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var name = request.Name!.Trim();
        if (await db.Organisations.AnyAsync(o => o.Name == name, cancellationToken))
        {
            return TypedResults.Conflict(Problems.Conflict("Organisation already registered.", $"An organisation named '{name}' is already in the registry.", ProblemTypes.Duplicate));
        }

        var organisation = Organisation.Add(name, request.Kind!, request.AreasOfHelp?.Select(a => a!) ?? [], request.ContactName!, request.ContactPhone!, time.GetUtcNow());
        db.Organisations.Add(organisation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Conflict(Problems.Conflict("Organisation already registered.", $"An organisation named '{name}' is already in the registry.", ProblemTypes.Duplicate));
        }
        return TypedResults.Created($"/organisations/{organisation.Id}", Dto(organisation, showPhone: true));
    }

    private static async Task<Ok<IReadOnlyList<OrganisationDto>>> ListAsync(PartnersDbContext db, CancellationToken cancellationToken)
    {
        var all = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OrganisationDto>>(all.Select(o => Dto(o, showPhone: true)).ToList());
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound<ProblemDetails>>> MineAsync(PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await caller.OrganisationAsync(db, cancellationToken) is { } organisation
            ? TypedResults.Ok(Dto(organisation, showPhone: false))
            : TypedResults.NotFound(Problems.NotFound("No organisation.", "You do not act for an approved partner organisation."));

    private static async Task<Results<Ok<OrganisationDto>, NotFound<ProblemDetails>, ForbidHttpResult>> GetAsync(
        Guid id, PartnersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such organisation.", $"There is no partner organisation {id}."));
        }

        return await caller.MayActForAsync(id, db, cancellationToken) ? TypedResults.Ok(Dto(organisation, caller.IsStaff())) : TypedResults.Forbid();
    }

    private static async Task<Results<Ok<OrganisationDto>, NotFound<ProblemDetails>, ProblemHttpResult>> ApproveAsync(
        Guid id, PartnersDbContext db, PartnerBroker broker, TimeProvider time, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such organisation.", $"There is no partner organisation {id}."));
        }

        // Approving twice changes nothing: in particular the partner's AMQP password stays as it was.
        if (broker.Configured && !organisation.Approved)
        {
            try
            {
                // Before the approval is recorded, so an approved partner always has its AMQP user; creating it twice is harmless.
                await broker.ProvisionAsync(organisation.Id, cancellationToken);
            }
            catch (BrokerUnavailableException)
            {
                return BrokerDown();
            }
        }

        organisation.Approve(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Dto(organisation, showPhone: true));
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> AddMemberAsync(
        Guid id, Guid accountId, PartnersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such organisation.", $"There is no partner organisation {id}."));
        }

        var member = OrganisationMember.Add(id, accountId, time.GetUtcNow());
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO organisation_members (organisation_id, account_id, added_at) VALUES ({id}, {accountId}, {member.AddedAt}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RemoveMemberAsync(
        Guid id, Guid accountId, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var removed = await db.OrganisationMembers.Where(m => m.OrganisationId == id && m.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        return removed > 0 ? TypedResults.NoContent()
            : TypedResults.NotFound(Problems.NotFound("No such member.", $"Account {accountId} does not act for organisation {id}."));
    }

    private static async Task<Results<Ok<AmqpCredentials>, ForbidHttpResult, ProblemHttpResult>> AmqpCredentialsAsync(
        PartnersDbContext db, PartnerBroker broker, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var organisation = await caller.OrganisationAsync(db, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.Forbid();
        }

        if (!broker.Configured)
        {
            return TypedResults.Problem(title: "AMQP is not offered here.", detail: "This installation publishes public events by webhook and the pull feed only.",
                statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.Unavailable);
        }

        try
        {
            return TypedResults.Ok(await broker.ProvisionAsync(organisation.Id, cancellationToken));
        }
        catch (BrokerUnavailableException)
        {
            return BrokerDown();
        }
    }

    private static ProblemHttpResult BrokerDown() =>
        TypedResults.Problem(title: "The message broker is not answering.", detail: "Try again in a minute.",
            statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.Unavailable);

    private static OrganisationDto Dto(Organisation o, bool showPhone) =>
        new(o.Id, o.Name, o.Kind, o.AreasOfHelp, o.ContactName, showPhone ? o.ContactPhone : PhoneNumbers.Mask(o.ContactPhone), o.Approved, o.CreatedAt, o.ApprovedAt);
}
