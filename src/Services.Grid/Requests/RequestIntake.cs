using Community.Services.Grid.Data;

namespace Community.Services.Grid.Requests;

/// <summary>Taking a request in, from the API or from a household visit: routed to its building's grid, its SLA clock started.</summary>
public static class RequestIntake
{
    /// <summary>Adds the request, its first audit rows and its events to the caller's unit of work.</summary>
    public static ResidentRequest Take(this GridDbContext db, RequestDetails details, Guid? gridId, string by, DateTimeOffset now, SlaOptions sla)
    {
        var (request, outcome) = RequestWorkflow.Take(details, gridId, by, now, sla);
        db.Requests.Add(request);
        db.Record(outcome, now);
        return request;
    }
}
