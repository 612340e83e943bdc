namespace Community.Services.Volunteers.Hours;

public sealed record HoursEntryDto(Guid Id, Guid VolunteerId, int Minutes, string Source, string Activity, DateTimeOffset ServedAt, string Status)
{
    public static HoursEntryDto From(ServiceHours h) => new(h.Id, h.VolunteerId, h.Minutes, h.Source, h.Activity, h.ServedAt, h.Status);
}
