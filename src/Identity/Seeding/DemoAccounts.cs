using Community.ServiceDefaults.Auth;

namespace Community.Identity.Seeding;

/// <summary>
/// One account for every role, made on the first run in local mode only (<c>Identity:SeedDemoAccounts</c>,
/// which only the AppHost's local mode sets), so a newcomer can sign in at once. Listed in the README.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "community-demo";

    public static readonly IReadOnlyList<(string Phone, string DisplayName, string Role)> All =
    [
        ("13800000001", "王阿姨", Roles.Resident),
        ("13800000002", "李网格", Roles.GridWorker),
        ("13800000003", "陈老师", Roles.StationStaff),
        ("13800000004", "张志愿", Roles.Volunteer),
        ("13800000005", "赵管理", Roles.Admin),
    ];

    /// <summary>A partner organisation's system (client credentials).</summary>
    public const string PartnerClientId = "demo-partner";
    public const string PartnerClientSecret = "demo-partner-secret";
    public const string PartnerOrganisationId = "0195a000-0000-7000-8000-00000000a001";
}
