namespace Community.Services.Activities.Finding;

/// <summary>How far a venue is from a resident, and how long the walk takes at an elderly resident's pace.</summary>
public static class WalkingDistance
{
    /// <summary>An unhurried walk, as for an elderly resident: 70 m a minute.</summary>
    public const double MetersPerMinute = 70;

    /// <summary>Great-circle distance in metres (haversine); plenty for a neighbourhood.</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        const double earthRadius = 6_371_000;
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadius * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Whole minutes on foot, rounded up: a 71 m walk is two minutes.</summary>
    public static int Minutes(double meters) => (int)Math.Ceiling(meters / MetersPerMinute);
}
