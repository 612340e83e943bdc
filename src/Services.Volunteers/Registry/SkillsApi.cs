using Community.Persistence;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Registry;

public sealed record SkillDto(string Code, string Name, bool Retired);

public sealed record AddSkillRequest(string? Code, string? Name);

/// <summary>The managed skill list: everyone reads it, staff add and retire entries.</summary>
public static class SkillsApi
{
    public static IEndpointRouteBuilder MapSkillsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/skills").WithTags("Skills");
        group.MapGet("/", ListAsync).WithName("ListSkills").WithSummary("The skill list; retired skills only when asked for.");
        group.MapPost("/", AddAsync).WithName("AddSkill").WithSummary("Adds a skill to the list.")
            .RequireAuthorization(Policies.Staff);
        group.MapPost("/{code}/retire", RetireAsync).WithName("RetireSkill")
            .WithSummary("Retires a skill: volunteers keep it, nobody can choose it any more.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<SkillDto>>> ListAsync(bool? includeRetired, VolunteersDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Skills.AsNoTracking();
        if (includeRetired != true)
        {
            query = query.Where(s => s.RetiredAt == null);
        }

        var skills = await query.OrderBy(s => s.Code).Select(s => new SkillDto(s.Code, s.Name, s.RetiredAt != null)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SkillDto>>(skills);
    }

    internal static async Task<Results<Created<SkillDto>, ValidationProblem, Conflict<ProblemDetails>>> AddAsync(
        AddSkillRequest request, VolunteersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Require("code", request.Code, Skills.MaxCodeLength).Require("name", request.Name, 50);
        var code = request.Code?.Trim() ?? "";
        if (code.Length > 0 && !Skills.IsValidCode(code))
        {
            errors.Add("code", "must be lower-case letters, digits and hyphens, starting with a letter (e.g. 'tai-chi').");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var skill = new Skill { Code = code, Name = request.Name!.Trim(), AddedAt = time.GetUtcNow() };
        db.Skills.Add(skill);
        if (await db.TrySaveChangesAsync(cancellationToken) is not null)
        {
            return TypedResults.Conflict(Problems.Conflict("The skill exists.", $"'{code}' is already on the list.", ProblemTypes.Duplicate));
        }

        return TypedResults.Created($"/skills/{code}", new SkillDto(skill.Code, skill.Name, false));
    }

    internal static async Task<Results<Ok<SkillDto>, NotFound<ProblemDetails>>> RetireAsync(
        string code, VolunteersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var skill = await db.Skills.FirstOrDefaultAsync(s => s.Code == code, cancellationToken);
        if (skill is null)
        {
            return TypedResults.NotFound(Problems.NotFound("No such skill.", $"'{code}' is not on the skill list."));
        }

        skill.RetiredAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new SkillDto(skill.Code, skill.Name, true));
    }
}
