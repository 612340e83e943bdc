using Community.ServiceDefaults;

namespace Community.Services.Notices.Delivery;

/// <summary>
/// 21:00–08:00 in the neighbourhood nobody is disturbed by a notice that can wait: it becomes visible (and is pushed)
/// at 08:00. Urgent notices (an offer with a deadline, a cancellation) are never held.
/// </summary>
internal static class QuietHours
{
    public static readonly TimeOnly Begins = new(21, 0);
    public static readonly TimeOnly Ends = new(8, 0);

    public static DateTimeOffset VisibleFrom(DateTimeOffset now, bool urgent)
    {
        if (urgent)
        {
            return now;
        }

        var local = Neighbourhood.ToLocal(now);
        var time = TimeOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(local);
        if (time >= Begins)
        {
            return Neighbourhood.StartOf(today.AddDays(1)).Add(Ends.ToTimeSpan());
        }

        return time < Ends ? Neighbourhood.StartOf(today).Add(Ends.ToTimeSpan()) : now;
    }
}
