using Community.Services.Grid.Data;
using Community.Services.Grid.Requests;
using Microsoft.EntityFrameworkCore;

namespace Community.Services.Grid.Cats;

/// <summary>The facts a cat report is calculated from, read for one colony or (null) the neighbourhood.</summary>
public static class CatReportFacts
{
    public static async Task<CatReportDto> CatReportAsync(
        this GridDbContext db, Guid? colonyId, DateOnly first, DateOnly last, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (start, end) = CatReport.Period(first, last);

        // A colony's complaints are the requests linked to it; the neighbourhood's every stray-animals request,
        // linked or not. A merged duplicate is the same complaint again.
        var requests = db.Requests.AsNoTracking()
            .Where(r => r.Category == RequestCategories.StrayAnimals && r.Status != RequestStatuses.Merged && r.ReportedAt >= start && r.ReportedAt < end);
        if (colonyId is { } id)
        {
            requests = requests.Where(r => db.ColonyComplaints.Any(c => c.RequestId == r.Id && c.ColonyId == id));
        }

        var complaints = await requests.Select(r => r.ReportedAt).ToListAsync(cancellationToken);

        var stays = db.CatStays.AsNoTracking().Where(s => s.From < end && (s.Until == null || s.Until >= start));
        if (colonyId is { } colony)
        {
            stays = stays.Where(s => s.ColonyId == colony);
        }

        var facts = await stays.Join(db.Cats.AsNoTracking(), s => s.CatId, c => c.Id, (s, c) => new StayFact(s.CatId, s.From, s.Until, s.EndReason, c.NeuteredOn))
            .ToListAsync(cancellationToken);
        return CatReport.Calculate(colonyId, first, last, now, complaints, facts);
    }
}
