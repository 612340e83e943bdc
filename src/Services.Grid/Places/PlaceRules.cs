using Community.ServiceDefaults.Http;

namespace Community.Services.Grid.Places;

public static class PlaceRules
{
    public const int MaxNameLength = 100;
    public const int MaxBuildingNumberLength = 20;
    public const int MaxFloors = 100;

    /// <summary>A building needs its compound, a number, one to <see cref="MaxFloors"/> floors, and both coordinates or neither.</summary>
    public static FieldErrors CheckBuilding(RegisterBuildingRequest request)
    {
        var errors = new FieldErrors().Require("number", request.Number, MaxBuildingNumberLength);
        if (request.CompoundId is null || request.CompoundId == Guid.Empty)
        {
            errors.Add("compoundId", "is required.");
        }

        if (request.Floors is null)
        {
            errors.Add("floors", "is required.");
        }
        else
        {
            errors.Range("floors", request.Floors, 1, MaxFloors);
        }

        errors.Range("latitude", request.Latitude, -90, 90).Range("longitude", request.Longitude, -180, 180);
        if ((request.Latitude is null) != (request.Longitude is null))
        {
            errors.Add(request.Latitude is null ? "latitude" : "longitude", "is required when the other coordinate is given.");
        }

        return errors;
    }
}
