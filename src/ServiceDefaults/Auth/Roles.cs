namespace Community.ServiceDefaults.Auth;

/// <summary>The roles a caller's token may carry (claim <c>role</c>).</summary>
public static class Roles
{
    public const string Resident = "resident";
    public const string GridWorker = "grid-worker";
    public const string StationStaff = "station-staff";
    public const string Volunteer = "volunteer";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Resident, GridWorker, StationStaff, Volunteer, Partner, Admin];
}
