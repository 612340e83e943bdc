using Community.Identity.Accounts;
using Community.Identity.Keys;
using Community.Identity.SignIn;
using Community.ServiceDefaults.Auth;

namespace Community.Unit.Tests.Identity;

public sealed class KeyRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Rotate = TimeSpan.FromDays(90);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(180);

    [Fact]
    public void The_first_start_makes_a_key()
    {
        Assert.True(KeyRotation.NeedsNewKey([], Now, Rotate));
    }

    [Fact]
    public void A_key_younger_than_the_rotation_period_is_kept_and_an_older_one_is_replaced()
    {
        Assert.False(KeyRotation.NeedsNewKey([Now.AddDays(-89)], Now, Rotate));
        Assert.True(KeyRotation.NeedsNewKey([Now.AddDays(-90)], Now, Rotate));
        Assert.False(KeyRotation.NeedsNewKey([Now.AddDays(-200), Now.AddDays(-10)], Now, Rotate));
    }

    [Fact]
    public void The_newest_key_comes_first_and_keys_past_their_retention_are_dropped_but_never_the_newest()
    {
        DateTimeOffset[] keys = [Now.AddDays(-200), Now.AddDays(-1), Now.AddDays(-100)];

        Assert.Equal([Now.AddDays(-1), Now.AddDays(-100)], KeyRotation.InUse(keys, k => k, Now, Retention));
        Assert.Equal([Now.AddDays(-400)], KeyRotation.InUse([Now.AddDays(-400)], k => k, Now, Retention));
    }
}

public sealed class RoleGrantsTests
{
    [Theory]
    [InlineData(Roles.Resident, true)]
    [InlineData(Roles.Volunteer, true)]
    [InlineData(Roles.GridWorker, true)]
    [InlineData(Roles.Partner, true)]
    [InlineData(Roles.StationStaff, false)]
    [InlineData(Roles.Admin, false)]
    public void Station_staff_grant_the_roles_of_the_people_they_work_with(string role, bool allowed)
    {
        Assert.Equal(allowed, RoleGrants.MayChange([Roles.StationStaff], self: false, role));
    }

    [Fact]
    public void An_administrator_grants_any_role_but_nobody_their_own_and_no_unknown_role()
    {
        Assert.True(RoleGrants.MayChange([Roles.Admin], self: false, Roles.StationStaff));
        Assert.False(RoleGrants.MayChange([Roles.Admin], self: true, Roles.Admin));
        Assert.False(RoleGrants.MayChange([Roles.Admin], self: false, "superuser"));
        Assert.False(RoleGrants.MayChange([Roles.Resident, Roles.GridWorker], self: false, Roles.Volunteer));
    }

    [Fact]
    public void Station_staff_act_only_on_the_accounts_of_the_people_they_work_with()
    {
        Assert.True(RoleGrants.MayActOn([Roles.StationStaff], self: false, [Roles.Resident, Roles.GridWorker]));
        Assert.False(RoleGrants.MayActOn([Roles.StationStaff], self: false, [Roles.Resident, Roles.StationStaff]));
        Assert.False(RoleGrants.MayActOn([Roles.StationStaff], self: false, [Roles.Resident, Roles.Admin]));
        Assert.True(RoleGrants.MayActOn([Roles.Admin], self: false, [Roles.Resident, Roles.StationStaff]));
        Assert.False(RoleGrants.MayActOn([Roles.Admin], self: true, [Roles.Admin]));
    }
}

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData(null, "is required.")]
    [InlineData("1234567", "must be at least 8 characters.")]
    [InlineData("12345678", null)]
    [InlineData("我的密码是八个字啊", null)]
    [InlineData("abc\0defgh", "must not contain control characters.")]
    public void A_password_needs_length_not_symbols(string? password, string? refusal)
    {
        Assert.Equal(refusal, PasswordRules.Refusal(password));
    }

    [Fact]
    public void Too_long_a_password_is_refused()
    {
        Assert.Equal("must be at most 128 characters.", PasswordRules.Refusal(new string('a', 129)));
    }
}
