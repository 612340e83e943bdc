using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Volunteers.Hours;

/// <summary>The problems an endpoint taking an hours entry's id answers with.</summary>
public static class HoursProblems
{
    public static ProblemDetails NoSuchEntry(Guid id) => Problems.NotFound("No such hours entry.", $"There is no hours entry {id}.");
}
