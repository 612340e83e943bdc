using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class VolunteerRegistrationTests
{
    private static readonly DateOnly Today = new(2026, 11, 14);

    private static RegisterVolunteerRequest Adult(string? phone = "13912345678", string? kind = "party-member", DateOnly? birthDate = null, string? workUnit = null) =>
        new("张老师", phone, kind, workUnit, [], null, birthDate);

    private static IDictionary<string, string[]> Check(RegisterVolunteerRequest request, out VolunteerKind kind) =>
        VolunteerRegistration.Check(request, Today, out kind).ToDictionary();

    [Fact]
    public void A_complete_adult_registration_passes_with_its_kind()
    {
        Assert.Empty(Check(Adult(kind: "party-member"), out var kind));
        Assert.Equal(VolunteerKind.PartyMember, kind);
    }

    [Fact]
    public void An_adult_needs_a_mobile_number_but_a_child_does_not()
    {
        Assert.Equal(["phone"], Check(Adult(phone: null), out _).Keys);
        Assert.Equal(["phone"], Check(Adult(phone: "021-5555"), out _).Keys);
        Assert.Empty(Check(new RegisterVolunteerRequest("小明", null, "young-pioneer", null, [], null, new DateOnly(2016, 1, 1)), out _));
    }

    [Theory]
    [InlineData("young-pioneer")]
    [InlineData("league-member")]
    [InlineData("youth-council-member")]
    [InlineData("resident-volunteer")]
    public void A_kind_a_child_could_be_gives_a_birth_date_so_age_not_kind_decides_who_is_a_minor(string kind)
    {
        var errors = Check(new RegisterVolunteerRequest("小明", "13912345678", kind, null, [], null), out _);

        Assert.Contains("a child needs a guardian's consent", Assert.Single(errors["birthDate"]));
        Assert.Empty(Check(new RegisterVolunteerRequest("小明", "13912345678", kind, null, [], null, new DateOnly(1990, 1, 1)), out _));
    }

    [Fact]
    public void A_registration_naming_a_guardian_gives_a_birth_date_whatever_the_kind()
    {
        var errors = Check(new RegisterVolunteerRequest("小明", "13912345678", "party-member", null, [], null, GuardianId: Guid.NewGuid()), out _);

        Assert.Equal(["is required when a guardian registers someone."], errors["birthDate"]);
    }

    [Fact]
    public void Only_an_adult_by_birth_date_marked_by_staff_supervises_children()
    {
        var volunteer = Volunteer.Register("李老师", "13912345678", VolunteerKind.PartyMember, null, [], null, DateTimeOffset.UtcNow);
        Assert.False(volunteer.MaySuperviseOn(Today));
        Assert.True(volunteer.IsAdultOn(Today));

        Assert.Contains("give the volunteer's birth date", volunteer.SetSupervision(true, null, Today));
        Assert.False(volunteer.MaySuperviseOn(Today));
        Assert.Contains("Only an adult", volunteer.SetSupervision(true, Today.AddYears(-17), Today));
        Assert.Null(volunteer.BirthDate);

        Assert.Null(volunteer.SetSupervision(true, new DateOnly(1980, 5, 1), Today));
        Assert.True(volunteer.MaySuperviseOn(Today));
        Assert.Null(volunteer.SetSupervision(false, null, Today));
        Assert.False(volunteer.MaySuperviseOn(Today));
    }

    [Fact]
    public void A_recorded_birth_date_is_not_replaced_by_the_supervision_mark()
    {
        var volunteer = Volunteer.Register("小周", "13912345678", VolunteerKind.LeagueMember, null, [], null, DateTimeOffset.UtcNow, new DateOnly(2010, 1, 1));

        Assert.Contains("Only an adult", volunteer.SetSupervision(true, new DateOnly(1980, 1, 1), Today));
        Assert.Equal(new DateOnly(2010, 1, 1), volunteer.BirthDate);
    }

    [Fact]
    public void An_in_service_Party_member_gives_a_work_unit()
    {
        Assert.Equal(["workUnit"], Check(Adult(kind: "in-service-party-member"), out _).Keys);
        Assert.Empty(Check(Adult(kind: "in-service-party-member", workUnit: "区税务局"), out _));
    }

    [Theory]
    [InlineData("2026-11-15")]
    [InlineData("1899-12-31")]
    public void A_birth_date_is_a_real_date_in_the_past(string born)
    {
        var errors = Check(Adult(birthDate: DateOnly.Parse(born)), out _);

        Assert.Equal(["must be a real date in the past."], errors["birthDate"]);
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_the_list_of_kinds()
    {
        var errors = Check(Adult(kind: "astronaut"), out _);

        Assert.Contains("party-member", Assert.Single(errors["kind"]));
    }
}
