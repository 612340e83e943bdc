namespace Community.Services.Grid.Equipment;

/// <summary>Lending's settings (section <c>Equipment</c>).</summary>
public sealed class EquipmentOptions
{
    public const string Section = "Equipment";

    /// <summary>How long an item is held for the first resident waiting before it passes to the next one.</summary>
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often the hold expiry job looks for holds past their deadline.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);
}
