using System.Security.Claims;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Requests;

namespace Community.Unit.Tests.Grid;

/// <summary>Requests in every status and callers in every role, made without a database.</summary>
internal static class Examples
{
    public static readonly DateTimeOffset Noon = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);

    public static readonly SlaOptions Sla = new();

    public static readonly Guid GridId = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");

    public static RequestDetails Details(string category = "repair", string priority = RequestPriorities.Normal, Guid? reporter = null, bool anonymous = false) =>
        new(category, priority, "building-chat", Guid.NewGuid(), null, "  楼道灯坏了 ", [" pic-1 "], reporter, anonymous);

    public static ResidentRequest Reported(RequestDetails? details = null, Guid? gridId = null, DateTimeOffset? at = null) =>
        RequestWorkflow.Take(details ?? Details(), gridId ?? GridId, "staff-1", at ?? Noon, Sla).Request;

    public static RequestWorkflow.Step Step(string action) => RequestWorkflow.Find(action) ?? throw new ArgumentException(action);

    /// <summary>A request brought to <paramref name="status"/> by the shortest legal path, an hour per step.</summary>
    public static ResidentRequest InStatus(string status)
    {
        var request = Reported();
        string[] path = status switch
        {
            RequestStatuses.Reported => [],
            RequestStatuses.Accepted => ["accept"],
            RequestStatuses.InProgress => ["accept", "start"],
            RequestStatuses.Resolved => ["accept", "resolve"],
            RequestStatuses.Closed => ["accept", "resolve", "close"],
            RequestStatuses.Returned => ["return"],
            RequestStatuses.ClosedUnresolved => ["close-unresolved"],
            RequestStatuses.Reopened => ["accept", "resolve", "reopen"],
            RequestStatuses.Merged => [],
            _ => throw new ArgumentException(status),
        };
        var at = Noon;
        foreach (var action in path)
        {
            at = at.AddHours(1);
            RequestWorkflow.Apply(request, Step(action), "why", "fixed", "team-1", at, Sla);
        }

        if (status == RequestStatuses.Merged)
        {
            RequestWorkflow.MergeInto(request, Reported(), "same thing", "staff-1", at.AddHours(1));
        }

        Assert.Equal(status, request.Status);
        return request;
    }

    public static ClaimsPrincipal Caller(Guid subject, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(CommunityClaims.Subject, subject.ToString()), .. roles.Select(r => new Claim(CommunityClaims.Role, r))],
            "test", CommunityClaims.Name, CommunityClaims.Role));
}
