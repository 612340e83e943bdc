namespace Community.Services.Volunteers.Registry;

/// <summary>
/// The managed list of skills. Matching depends on everyone spelling a skill the same way, so free text is
/// refused. (Staff will manage this list through the API in the registry issue.)
/// </summary>
public static class Skills
{
    public static readonly IReadOnlySet<string> Known = new SortedSet<string>(StringComparer.Ordinal)
    {
        "smartphone-tutoring",
        "first-aid",
        "legal-advice",
        "carpentry",
        "cat-care",
        "elderly-companionship",
        "riverbank-cleanup",
        "mediation",
        "calligraphy",
        "fitness-instruction",
    };
}
