using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class VolunteerRegistrationTests
{
    private static readonly DateOnly Today = new(2026, 11, 14);

    private static RegisterVolunteerRequest Adult(string? phone = "13912345678", string? kind = "resident-volunteer", DateOnly? birthDate = null, string? workUnit = null) =>
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

    [Fact]
    public void A_Young_Pioneer_gives_a_birth_date()
    {
        var errors = Check(new RegisterVolunteerRequest("小明", "13912345678", "young-pioneer", null, [], null), out _);

        Assert.Equal(["is required for Young Pioneers."], errors["birthDate"]);
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
