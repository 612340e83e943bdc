namespace Community.Services.Activities.Series;

/// <summary>The kinds of activity the service station runs (codes used in the API and in events).</summary>
public static class Categories
{
    public static readonly IReadOnlySet<string> All = new SortedSet<string>(StringComparer.Ordinal)
    {
        "fitness", "class", "story-telling", "study", "veterans-consultation", "convenience-market",
        "exhibition", "youth", "children", "deliberation-meeting", "volunteer-project",
    };
}
