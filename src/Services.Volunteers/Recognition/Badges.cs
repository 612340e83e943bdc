using Community.ServiceDefaults;

namespace Community.Services.Volunteers.Recognition;

public sealed record BadgeDto(int Hours, string Name, DateOnly EarnedOn);

public sealed record RecognitionDto(Guid VolunteerId, double ConfirmedHours, IReadOnlyList<BadgeDto> Badges, int? NextBadgeHours, double? HoursToNextBadge);

/// <summary>One confirmed hours entry, as recognition counts it.</summary>
public sealed record ConfirmedTime(DateTimeOffset ServedAt, int Minutes);

/// <summary>
/// Badges at hour thresholds (<see cref="RecognitionOptions.BadgeHours"/>), each earned on the local day the running
/// confirmed total crossed it, and how far the next one is.
/// </summary>
public static class Badges
{
    /// <param name="confirmed">The volunteer's confirmed time, oldest first.</param>
    public static RecognitionDto Recognise(Guid volunteerId, IEnumerable<ConfirmedTime> confirmed, IEnumerable<int> badgeHours)
    {
        var thresholds = badgeHours.Where(h => h > 0).Distinct().Order().ToList();
        var badges = new List<BadgeDto>();
        var running = 0;
        foreach (var credit in confirmed)
        {
            running += credit.Minutes;
            foreach (var hours in thresholds.Where(h => running >= h * 60 && badges.All(b => b.Hours != h)))
            {
                badges.Add(new BadgeDto(hours, $"{hours} 小时志愿服务", Neighbourhood.Today(credit.ServedAt)));
            }
        }

        var next = thresholds.FirstOrDefault(h => running < h * 60);
        return new RecognitionDto(volunteerId, Math.Round(running / 60.0, 2), badges,
            next == 0 ? null : next, next == 0 ? null : Math.Round(next - (running / 60.0), 2));
    }
}
