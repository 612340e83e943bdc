using Community.ServiceDefaults.Http;
using Community.Web.Forms;

namespace Community.Unit.Tests.Web;

public sealed class FieldErrorTextTests
{
    [Theory]
    [InlineData("is required.", "这一项必须填写。")]
    [InlineData("must be at most 200 characters.", "最多 200 个字。")]
    [InlineData("must be at least 8 characters.", "至少 8 个字。")]
    [InlineData("must not contain control characters.", "不能包含特殊控制字符。")]
    [InlineData("must be between 1 and 720.", "应在 1 到 720 之间。")]
    [InlineData("must be 1 or more.", "至少为 1。")]
    [InlineData("must be one of: everyone, elderly, children.", "请从列表中选择。")]
    [InlineData("each must be one of resident, volunteer.", "请从列表中选择。")]
    [InlineData("must be a mainland mobile number of 11 digits, like 13812345678.", "请填写 11 位手机号，例如 13812345678。")]
    [InlineData("must be an 11-digit mobile number starting with 1.", "请填写 11 位手机号，例如 13812345678。")]
    [InlineData("must be a local Shanghai date and time like 2026-12-01T09:30.", "请填写日期和时间，例如 2026-12-01 09:30。")]
    [InlineData("must not be before 'from', and the period at most ten years.", "结束日期不能早于开始日期，期间最长十年。")]
    [InlineData("must not be before 'from'.", "结束日期不能早于开始日期。")]
    [InlineData("exceeds the venue's capacity of 40.", "超过了场地能容纳的 40 人。")]
    [InlineData("plans more than 104 sessions; plan a shorter series.", "一次最多安排 104 场，请减少场数。")]
    [InlineData("is not this account's password.", "密码不对。")]
    [InlineData("must name at most 20 types.", "最多选 20 项。")]
    [InlineData("must use https.", "请填写以 https:// 开头的完整网址。")]
    [InlineData("must not point at a private, loopback or link-local address.", "这个网址在互联网上访问不到，请填写公开的网址。")]
    public void A_services_reason_is_said_in_chinese_beside_the_field(string english, string chinese) =>
        Assert.Equal(chinese, FieldErrorText.Chinese(english));

    [Fact]
    public void The_shared_validation_helpers_phrasings_are_all_known()
    {
        var errors = new FieldErrors()
            .Require("a", null, 10).Require("b", new string('x', 11), 10).Require("c", "a\u0001b", 10)
            .Range("d", 0, 1, 5).OptionalList("e", ["x", "y", "z"], 2, 10);
        foreach (var message in errors.ToDictionary().Values.SelectMany(m => m))
        {
            Assert.DoesNotContain("这一项需要修改", FieldErrorText.Chinese(message));
        }
    }

    [Fact]
    public void A_reason_already_in_chinese_is_shown_as_it_is() =>
        Assert.Equal("请填写孩子的出生日期。", FieldErrorText.Chinese("请填写孩子的出生日期。"));

    [Fact]
    public void A_reason_not_in_the_table_is_still_shown_after_a_chinese_lead_in() =>
        Assert.Equal("这一项需要修改（is the colony the cat is in already.）", FieldErrorText.Chinese("is the colony the cat is in already."));
}

public sealed class AvailabilityRowsTests
{
    [Fact]
    public void An_error_on_the_second_row_sent_lands_on_the_screen_row_it_came_from()
    {
        // Rows 0 and 2 were filled in; row 1 was left empty and not sent.
        var errors = new Dictionary<string, string[]> { ["slots[1].to"] = ["must be after the slot's start."], ["slots"] = ["at most 21 slots."] };

        var onRows = Community.Web.Forms.AvailabilityRows.ToRows(errors, [0, 2]);

        Assert.Equal(["must be after the slot's start."], onRows["slots[2].to"]);
        Assert.False(onRows.ContainsKey("slots[1].to"));
        Assert.Equal(["at most 21 slots."], onRows["slots"]);
    }
}
