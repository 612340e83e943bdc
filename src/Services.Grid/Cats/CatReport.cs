using System.Globalization;
using Community.ServiceDefaults;
using Community.ServiceDefaults.Http;

namespace Community.Services.Grid.Cats;

/// <summary>A cat's stay in a colony, as the report needs it.</summary>
public sealed record StayFact(Guid CatId, DateTimeOffset From, DateTimeOffset? Until, string? EndReason, DateOnly? NeuteredOn);

/// <summary>
/// The monthly cat report, from the facts alone (no database, the clock passed in): per month in Asia/Shanghai the
/// complaints reported, the cats in the colony at the month's end and the share of them neutered by then, the cats
/// adopted; and whether nuisance is falling — complaints in the last month against the first.
/// </summary>
public static class CatReport
{
    public const int MaxMonths = 36;
    public const int DefaultMonths = 6;
    public const string Falling = "falling";
    public const string Rising = "rising";
    public const string Flat = "flat";

    private static readonly DateOnly EarliestMonth = new(2000, 1, 1);

    /// <summary>
    /// The months asked for as yyyy-MM: by default the six up to this one; never after this month, never more than
    /// <see cref="MaxMonths"/>. Returns the first days of the first and last months.
    /// </summary>
    public static FieldErrors CheckPeriod(string? from, string? to, DateOnly today, out DateOnly first, out DateOnly last)
    {
        var errors = new FieldErrors();
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        last = thisMonth;
        if (to is not null)
        {
            if (!TryParseMonth(to, out var asked))
            {
                errors.Add("to", "must be a month as yyyy-MM, from 2000-01 on.");
            }
            else if (asked > thisMonth)
            {
                errors.Add("to", $"must not be after this month ({Month(thisMonth)}).");
            }
            else
            {
                last = asked;
            }
        }

        first = last.AddMonths(1 - DefaultMonths) is var byDefault && byDefault < EarliestMonth ? EarliestMonth : byDefault;
        if (from is not null)
        {
            if (!TryParseMonth(from, out var asked))
            {
                errors.Add("from", "must be a month as yyyy-MM, from 2000-01 on.");
            }
            else if (asked > last)
            {
                errors.Add("from", "must not be after 'to'.");
            }
            else if (Months(asked, last) > MaxMonths)
            {
                errors.Add("from", $"the report covers at most {MaxMonths} months.");
            }
            else
            {
                first = asked;
            }
        }

        return errors;
    }

    /// <summary>A month written yyyy-MM, from 2000-01 on, as its first day.</summary>
    public static bool TryParseMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && month >= EarliestMonth;

    /// <summary>The instants the report reads facts between: from the first month's start to the last month's end.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Period(DateOnly first, DateOnly last) =>
        (Neighbourhood.StartOf(first), Neighbourhood.StartOf(last.AddMonths(1)));

    public static CatReportDto Calculate(
        Guid? colonyId, DateOnly first, DateOnly last, DateTimeOffset now, IReadOnlyList<DateTimeOffset> complaints, IReadOnlyList<StayFact> stays)
    {
        var months = new List<CatMonthDto>();
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            months.Add(MonthOf(month, now, complaints, stays));
        }

        return new CatReportDto(colonyId, Month(first), Month(last), now, months, Trend(months));
    }

    /// <summary>Falling when the last month had fewer complaints than the first, rising when more, else flat.</summary>
    public static NuisanceTrendDto Trend(IReadOnlyList<CatMonthDto> months)
    {
        if (months.Count == 0)
        {
            return new NuisanceTrendDto(Flat, 0, 0);
        }

        var (firstCount, lastCount) = (months[0].Complaints, months[^1].Complaints);
        var direction = lastCount < firstCount ? Falling : lastCount > firstCount ? Rising : Flat;
        return new NuisanceTrendDto(direction, firstCount, lastCount);
    }

    /// <summary>
    /// One month. "At the month's end" is the last instant before the next month begins (for the current month:
    /// now): a cat counts when its stay began before then and had not ended; neutered when its neutering day is
    /// no later than the month's last day (today, for the current month).
    /// </summary>
    private static CatMonthDto MonthOf(DateOnly month, DateTimeOffset now, IReadOnlyList<DateTimeOffset> complaints, IReadOnlyList<StayFact> stays)
    {
        var start = Neighbourhood.StartOf(month);
        var next = Neighbourhood.StartOf(month.AddMonths(1));
        var asOf = next < now ? next : now;
        var lastDay = next < now ? month.AddMonths(1).AddDays(-1) : Neighbourhood.Today(now);
        var present = stays.Where(s => s.From < asOf && (s.Until is null || s.Until >= asOf)).DistinctBy(s => s.CatId).ToList();
        var neutered = present.Count(s => s.NeuteredOn is { } on && on <= lastDay);
        return new CatMonthDto(
            Month(month),
            complaints.Count(c => c >= start && c < next),
            present.Count,
            neutered,
            present.Count == 0 ? null : Math.Round((double)neutered / present.Count, 4),
            stays.Count(s => s.EndReason == CatStatuses.Adopted && s.Until >= start && s.Until < next));
    }

    private static int Months(DateOnly first, DateOnly last) => ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;

    private static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
