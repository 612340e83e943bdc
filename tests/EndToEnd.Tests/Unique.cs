namespace Community.EndToEnd.Tests;

/// <summary>
/// Values that must be unique across the whole shared AppHost run. A building number is unique per compound,
/// and every end-to-end test adds its buildings to the same seeded compound — a random 100–999 collided
/// once in a few runs (the second test got a 409 and no id).
/// </summary>
internal static class Unique
{
    public static string BuildingNumber() => $"{Guid.NewGuid().ToString("N")[..8]}号";
}
