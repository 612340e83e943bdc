using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Volunteers.Teams;

/// <summary>The problems an endpoint taking a team's id answers with.</summary>
public static class TeamProblems
{
    public static ProblemDetails NoSuchTeam(Guid id) => Problems.NotFound("No such team.", $"There is no team {id}.");
}
