using Community.ServiceDefaults.Http;
using Community.Services.Grid.Grids;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Grid.Requests;

/// <summary>The answers every request endpoint gives the same way.</summary>
public static class RequestProblems
{
    public static ProblemDetails NoSuchRequest(Guid id) => Problems.NotFound("No such request.", $"There is no request {id}.");

    public static NotFound<ProblemDetails> NotFound(Guid id) => TypedResults.NotFound(NoSuchRequest(id));

    public static Conflict<ProblemDetails> NotOpen(ResidentRequest request) =>
        TypedResults.Conflict(Problems.Conflict("The request is not open.", $"It is {request.Status}.", GridProblems.IllegalTransition));

    public static Conflict<ProblemDetails> NotAllowed(ResidentRequest request, RequestWorkflow.Step step) =>
        TypedResults.Conflict(Problems.Conflict("That status change is not allowed.",
            $"A {request.Status} request cannot be {step.Action}ed (it must be {string.Join(" or ", step.From)}).", GridProblems.IllegalTransition));

    public static Conflict<ProblemDetails> NotMergeable(ResidentRequest duplicate, ResidentRequest original) =>
        TypedResults.Conflict(Problems.Conflict("Only open requests can be merged.",
            $"The duplicate is {duplicate.Status} and the original {original.Status}.", GridProblems.IllegalTransition));

    public static Conflict<ProblemDetails> NothingToFollowUp(ResidentRequest request) =>
        TypedResults.Conflict(Problems.Conflict("Nothing to follow up yet.", $"A follow-up comes after resolution; the request is {request.Status}.",
            GridProblems.IllegalTransition));
}
