namespace Community.Services.Grid.Places;

public static class PlaceRules
{
    public const int MaxNameLength = 100;
    public const int MaxBuildingNumberLength = 20;
    public const int MaxFloors = 100;
}
