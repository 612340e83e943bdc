using Community.Services.Grid.Equipment;

namespace Community.Unit.Tests.Grid;

public sealed class EquipmentLabelTests
{
    [Fact]
    public void New_items_are_numbered_on_from_how_many_the_kind_has()
    {
        Assert.Equal(["轮椅车 4号", "轮椅车 5号"], EquipmentItem.NumberedLabels("轮椅车", 3, new HashSet<string> { "轮椅车 1号", "轮椅车 2号", "轮椅车 3号" }, 2));
        Assert.Equal(["拐杖 1号"], EquipmentItem.NumberedLabels("拐杖", 0, new HashSet<string>(), 1));
    }

    [Fact]
    public void A_number_someone_already_used_is_skipped()
    {
        // Two items, one of them labelled "轮椅车 3号" by hand: the next are 4号 and 5号, never a second 3号.
        var used = new HashSet<string> { "轮椅车 站里的", "轮椅车 3号" };

        Assert.Equal(["轮椅车 4号", "轮椅车 5号"], EquipmentItem.NumberedLabels("轮椅车", used.Count, used, 2));
    }
}
