using Community.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Community.Services.Grid.Cats;

/// <summary>The cat archive's own kinds of problem, each with a stable type, and the answers its endpoints give the same way.</summary>
public static class CatProblems
{
    public const string InAnotherColony = ProblemTypes.Base + "cat-in-another-colony";
    public const string NotInColony = ProblemTypes.Base + "cat-not-in-a-colony";
    public const string Deceased = ProblemTypes.Base + "cat-deceased";

    public static NotFound<ProblemDetails> NoSuchColony(Guid id) => TypedResults.NotFound(Problems.NotFound("No such colony.", $"There is no cat colony {id}."));

    public static NotFound<ProblemDetails> NoSuchCat(Guid id) => TypedResults.NotFound(Problems.NotFound("No such cat.", $"There is no cat {id} in the archive."));

    public static NotFound<ProblemDetails> NoSuchStation(Guid id) => TypedResults.NotFound(Problems.NotFound("No such feeding station.", $"There is no feeding station {id}."));

    public static Conflict<ProblemDetails> InAColony() => TypedResults.Conflict(Problems.Conflict("The cat is already in a colony.",
        "A cat belongs to one colony at a time: move it (POST /cats/{id}/move) instead of adding it again.", InAnotherColony));

    public static Conflict<ProblemDetails> NotInAColony() => TypedResults.Conflict(Problems.Conflict("The cat is not in a colony.",
        "It was adopted, moved away or died; when it is back, add it to a colony by its id.", NotInColony));

    public static Conflict<ProblemDetails> MovedMeanwhile() => TypedResults.Conflict(Problems.Conflict("The cat was moved meanwhile.",
        "Someone changed where the cat lives at the same time; look at its record again.", ProblemTypes.Conflict));

    public static Conflict<ProblemDetails> IsDeceased() =>
        TypedResults.Conflict(Problems.Conflict("The cat has died.", "A deceased cat stays in the archive; it cannot be placed in a colony.", Deceased));

    public static Conflict<ProblemDetails> NameTaken(string name) =>
        TypedResults.Conflict(Problems.Conflict("A colony with this name exists.", $"There is already a colony named '{name}'.", ProblemTypes.Duplicate));
}
