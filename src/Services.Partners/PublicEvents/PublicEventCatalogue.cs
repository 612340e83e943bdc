namespace Community.Services.Partners.PublicEvents;

/// <summary>One kind of public event: its CloudEvents <c>type</c>, the shape of its <c>data</c>, what it means, and an example.</summary>
public sealed record PublicEventType(string Name, Type DataType, string Title, string Summary, object Example);

/// <summary>
/// Every public event partners can receive. Each carries facts and ids of things (needs, sessions, shifts, pledges) —
/// never a person: no names, phones, birth dates, addresses, resident-written text, or ids of people.
/// </summary>
public static class PublicEventCatalogue
{
    public const string EquipmentNeeded = "cn.community.equipment.needed";
    public const string ActivityScheduled = "cn.community.activity.scheduled";
    public const string ActivityCancelled = "cn.community.activity.cancelled";
    public const string ActivityCompleted = "cn.community.activity.completed";
    public const string ShiftUnderstaffed = "cn.community.shift.understaffed";
    public const string PledgeFulfilled = "cn.community.pledge.fulfilled";

    /// <summary>The CloudEvents <c>source</c> of every public event: the neighbourhood's platform.</summary>
    public static readonly Uri Source = new("https://community.yangcheng-guidu.example/partners");

    private static readonly DateTimeOffset ExampleTime = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<PublicEventType> All =
    [
        new(EquipmentNeeded, typeof(EquipmentNeededData), "Equipment needed",
            "No working item of a kind is left to lend (e.g. the last wheelchair broke) and people are waiting: a donation would help. Pledge on the need.",
            new EquipmentNeededData(Guid.Parse("0195a100-0000-7000-8000-000000000001"), "wheelchair", 1, 1, ExampleTime)),
        new(ActivityScheduled, typeof(ActivityScheduledData), "Activity scheduled",
            "A session of a community activity was put in the calendar.",
            new ActivityScheduledData(Guid.Parse("0195a100-0000-7000-8000-000000000002"), Guid.Parse("0195a100-0000-7000-8000-000000000003"),
                "education", "elderly", "智能手机学习班", ExampleTime, ExampleTime.AddHours(1.5), 20)),
        new(ActivityCancelled, typeof(ActivityCancelledData), "Activity cancelled",
            "A scheduled session will not take place.",
            new ActivityCancelledData(Guid.Parse("0195a100-0000-7000-8000-000000000002"), Guid.Parse("0195a100-0000-7000-8000-000000000003"), ExampleTime)),
        new(ActivityCompleted, typeof(ActivityCompletedData), "Activity completed",
            "A session took place: how many attended and how many volunteer hours it took, in totals only.",
            new ActivityCompletedData(Guid.Parse("0195a100-0000-7000-8000-000000000002"), Guid.Parse("0195a100-0000-7000-8000-000000000003"),
                "education", ExampleTime, ExampleTime.AddHours(1.5), 18, 3, 4.5m)),
        new(ShiftUnderstaffed, typeof(ShiftUnderstaffedData), "Shift understaffed",
            "A volunteer shift is still short of people 72 (then 24) hours before it starts: a partner may send staff volunteers. Pledge on the need.",
            new ShiftUnderstaffedData(Guid.Parse("0195a100-0000-7000-8000-000000000004"), Guid.Parse("0195a100-0000-7000-8000-000000000005"),
                4, 1, ExampleTime.AddDays(3))),
        new(PledgeFulfilled, typeof(PledgeFulfilledData), "Pledge fulfilled",
            "Staff confirmed they received what a partner pledged: thanks, in public.",
            new PledgeFulfilledData(Guid.Parse("0195a100-0000-7000-8000-000000000006"), Guid.Parse("0195a100-0000-7000-8000-000000000001"),
                "equipment", "浦江康复器材有限公司", 1, ExampleTime)),
    ];

    private static readonly HashSet<string> Names = All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string type) => Names.Contains(type);
}

/// <summary>Data of <c>cn.community.equipment.needed</c>: what is needed, how many, and how many people are waiting for it.</summary>
public sealed record EquipmentNeededData(Guid NeedId, string ItemKind, int Quantity, int Waiting, DateTimeOffset RaisedAt);

/// <summary>Data of <c>cn.community.activity.scheduled</c>.</summary>
public sealed record ActivityScheduledData(
    Guid SessionId, Guid SeriesId, string Category, string Audience, string? Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity);

/// <summary>Data of <c>cn.community.activity.cancelled</c>.</summary>
public sealed record ActivityCancelledData(Guid SessionId, Guid SeriesId, DateTimeOffset CancelledAt);

/// <summary>Data of <c>cn.community.activity.completed</c>: totals only.</summary>
public sealed record ActivityCompletedData(
    Guid SessionId, Guid SeriesId, string Category, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Attended, int Volunteers, decimal VolunteerHours);

/// <summary>Data of <c>cn.community.shift.understaffed</c>: how short the shift is, and the need a partner pledges on.</summary>
public sealed record ShiftUnderstaffedData(Guid ShiftId, Guid NeedId, int MinVolunteers, int Assigned, DateTimeOffset StartsAt);

/// <summary>Data of <c>cn.community.pledge.fulfilled</c>: the organisation (not a person) is named, to thank it.</summary>
public sealed record PledgeFulfilledData(Guid PledgeId, Guid NeedId, string NeedKind, string OrganisationName, int Quantity, DateTimeOffset FulfilledAt);
