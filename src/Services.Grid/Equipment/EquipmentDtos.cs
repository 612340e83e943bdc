namespace Community.Services.Grid.Equipment;

public sealed record ItemRequest(string? Kind, string? Label, string? Condition, int? Count, string? DonatedBy);

public sealed record LoanRequest(Guid? ResidentId, DateOnly? DueOn);

public sealed record ReturnRequest(string? Condition, string? Note);

public sealed record BrokenRequest(string? Note);

public sealed record RepairRequest(string? Condition);

public sealed record WaitRequest(string? Kind, Guid? ResidentId);

/// <summary>An item and where it stands: available, held for the first one waiting, lent, or out of service.</summary>
public sealed record ItemDto(Guid Id, string Kind, string Label, string Condition, string State, string? DonatedBy, DateTimeOffset AddedAt);

public sealed record ItemEventDto(DateTimeOffset At, string What, string By, string? Note);

public sealed record ItemDetailDto(ItemDto Item, IReadOnlyList<ItemEventDto> History);

public sealed record LoanDto(Guid Id, Guid ItemId, string ItemLabel, Guid ResidentId, string ResidentName, DateTimeOffset LentAt, DateOnly DueOn,
    DateTimeOffset? ReturnedAt, bool Overdue);

/// <summary>A place on a kind's waiting list: its position while waiting, or the item held for the resident and until when.</summary>
public sealed record WaitDto(Guid Id, string Kind, Guid ResidentId, string ResidentName, int? Position, string Status, Guid? OfferedItemId, DateTimeOffset JoinedAt,
    DateTimeOffset? HeldUntil);
