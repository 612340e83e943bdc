using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Grid.Places;

/// <summary>The answers every endpoint that takes a resident's id gives the same way.</summary>
public static class PeopleProblems
{
    public static NotFound<ProblemDetails> NoSuchHousehold(Guid? id) => TypedResults.NotFound(Problems.NotFound("No such household.", $"There is no household {id}."));

    public static NotFound<ProblemDetails> NoSuchResident(Guid id) => TypedResults.NotFound(Problems.NotFound("No such resident.", $"There is no resident {id}."));
}
