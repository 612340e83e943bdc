using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.Services.Volunteers.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Volunteers.Hours;

public sealed record HoursTotalDto(Guid VolunteerId, int ConfirmedMinutes, double ConfirmedHours, int Credits);

public static class HoursApi
{
    public static IEndpointRouteBuilder MapHoursApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/volunteers/{id:guid}/hours", TotalAsync)
            .WithTags("Hours")
            .WithName("VolunteerHours")
            .WithSummary("A volunteer's confirmed service time (the volunteer themselves, or staff).");
        return app;
    }

    internal static async Task<Results<Ok<HoursTotalDto>, NotFound<ProblemDetails>, ForbidHttpResult>> TotalAsync(
        Guid id, VolunteersDbContext db, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!caller.IsStaffOrGridWorker() && !caller.IsSubject(id))
        {
            return TypedResults.Forbid();
        }

        if (!await db.Volunteers.AnyAsync(v => v.Id == id, cancellationToken))
        {
            return TypedResults.NotFound(Problems.NotFound("No such volunteer.", $"There is no volunteer {id}."));
        }

        var confirmed = db.ServiceHours.Where(h => h.VolunteerId == id && h.Status == "confirmed");
        var minutes = await confirmed.SumAsync(h => (int?)h.Minutes, cancellationToken) ?? 0;
        return TypedResults.Ok(new HoursTotalDto(id, minutes, Math.Round(minutes / 60.0, 2), await confirmed.CountAsync(cancellationToken)));
    }
}
