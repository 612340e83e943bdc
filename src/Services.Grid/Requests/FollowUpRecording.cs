using Community.Services.Grid.Grids;

namespace Community.Services.Grid.Requests;

/// <summary>
/// Whose word a follow-up is. The resident's satisfaction is theirs to give: the reporter records it, or
/// staff or a team member records what the resident said on a call or at the door, naming who answered — and
/// never the person who handled the request, who would be marking their own work.
/// </summary>
public static class FollowUpRecording
{
    public sealed record Refused(bool Forbidden, string? Field = null, string? Message = null);

    public static Refused? Refusal(RequestRelation relation, ResidentRequest request, CallerLinks caller, FollowUpRequest body)
    {
        if (relation.Reported())
        {
            return null;
        }

        if (relation is not (RequestRelation.Staff or RequestRelation.Team))
        {
            return new Refused(true);
        }

        if (caller.Is(request.AssigneeId))
        {
            return new Refused(true);
        }

        if (body.Source is null || !FollowUpSources.Recorded.Contains(body.Source))
        {
            return new Refused(false, "source", $"must be one of: {string.Join(", ", FollowUpSources.Recorded)} (what the resident said, and how).");
        }

        if (string.IsNullOrWhiteSpace(body.Respondent) || body.Respondent.Trim().Length > 100)
        {
            return new Refused(false, "respondent", "is required: who answered (at most 100 characters).");
        }

        return null;
    }
}
