using Community.ServiceDefaults;
using Community.Services.Grid.Cats;

namespace Community.Unit.Tests.Grid;

public sealed class CatRulesTests
{
    private static readonly DateOnly Today = new(2026, 5, 15);

    private static IEnumerable<string> Fields(Community.ServiceDefaults.Http.FieldErrors errors) => errors.ToDictionary().Keys.Order();

    [Fact]
    public void A_colony_is_by_a_building_in_a_compound_or_at_a_described_spot_with_only_what_that_place_needs()
    {
        Assert.False(CatRules.CheckColony(new("12号楼花坛", "building", Guid.NewGuid(), null, null)).Any);
        Assert.False(CatRules.CheckColony(new("河边步道", "spot", null, null, "河边步道东段")).Any);
        Assert.Equal(["buildingId", "compoundId"], Fields(CatRules.CheckColony(new("花坛", "building", null, Guid.NewGuid(), null))));
        Assert.Equal(["buildingId", "spot"], Fields(CatRules.CheckColony(new("花坛", "spot", Guid.NewGuid(), null, null))));
        Assert.Equal(["name", "place"], Fields(CatRules.CheckColony(new("\0", "garden", null, null, null))));
    }

    [Fact]
    public void A_cat_has_a_known_sex_and_was_not_neutered_or_vaccinated_in_the_future()
    {
        var good = new RecordCatRequest(null, "橘子", "橘猫，亲人", "photo-1", "female", Today, true, [new("狂犬疫苗", Today.AddDays(-3))]);
        Assert.False(CatRules.CheckNewCat(good, Today).Any);

        var bad = good with { Sex = "tom", NeuteredOn = Today.AddDays(1), Vaccinations = [new("猫三联", Today.AddDays(2)), new(null, Today)] };
        Assert.Equal(["neuteredOn", "sex", "vaccinations[0].givenOn", "vaccinations[1].vaccine"], Fields(CatRules.CheckNewCat(bad, Today)));
        Assert.Equal(["catId"], Fields(CatRules.CheckReturn(good with { CatId = Guid.NewGuid() })));
        Assert.Equal(["status"], Fields(CatRules.CheckLeaving(new("in-colony", null), Today)));
        Assert.Equal(["on"], Fields(CatRules.CheckLeaving(new("adopted", Today.AddDays(1)), Today)));
    }

    [Fact]
    public void A_cat_that_leaves_is_gone_from_the_start_of_that_day_or_from_when_it_came_if_that_was_later()
    {
        var came = Neighbourhood.StartOf(Today).AddHours(10);
        var adopted = CatStay.Begin(Guid.NewGuid(), Guid.NewGuid(), came.AddDays(-20));
        adopted.Leave(CatStatuses.Adopted, Today);
        var sameDay = CatStay.Begin(Guid.NewGuid(), Guid.NewGuid(), came);
        sameDay.Leave(CatStatuses.Moved, Today);

        Assert.Equal((Neighbourhood.StartOf(Today), CatStatuses.Adopted), (adopted.Until!.Value, adopted.Status));
        Assert.Equal(came, sameDay.Until);
        Assert.Throws<InvalidOperationException>(() => sameDay.Leave(CatStatuses.Deceased, Today));
        Assert.Throws<ArgumentOutOfRangeException>(() => CatStay.Begin(Guid.NewGuid(), Guid.NewGuid(), came).Leave(CatStatuses.InColony, Today));
    }
}
