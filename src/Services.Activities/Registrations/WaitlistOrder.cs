namespace Community.Services.Activities.Registrations;

/// <summary>Staff moving one person on a session's waitlist (the change itself is kept as a <see cref="WaitlistChange"/>).</summary>
public static class WaitlistOrder
{
    /// <summary>
    /// Moves <paramref name="moving"/> to <paramref name="position"/> (1 first) among <paramref name="waiting"/>, the session's
    /// waiting registrations in rank order. The same set of ranks is handed out in the new order: nobody outside the waitlist
    /// is affected, and later registrations still queue behind everyone.
    /// </summary>
    /// <returns>The position <paramref name="moving"/> had.</returns>
    public static int Move(List<Registration> waiting, Registration moving, int position)
    {
        var ranks = waiting.Select(r => r.WaitlistRank!.Value).ToList();
        var from = waiting.IndexOf(moving) + 1;
        waiting.Remove(moving);
        waiting.Insert(position - 1, moving);
        for (var i = 0; i < waiting.Count; i++)
        {
            waiting[i].Rerank(ranks[i]);
        }

        return from;
    }
}
