using Community.Services.Volunteers.Registry;

namespace Community.Unit.Tests.Volunteers;

public sealed class SkillsTests
{
    [Theory]
    [InlineData("tai-chi", true)]
    [InlineData("first-aid2", true)]
    [InlineData("Tai Chi", false)]
    [InlineData("1st-aid", false)]
    [InlineData("-cleanup", false)]
    [InlineData("", false)]
    public void A_skill_code_is_lower_case_letters_digits_and_hyphens_starting_with_a_letter(string code, bool valid) =>
        Assert.Equal(valid, Skills.IsValidCode(code));

    [Fact]
    public void The_initial_skill_list_meets_its_own_rule() =>
        Assert.All(Skills.Initial, skill => Assert.True(Skills.IsValidCode(skill.Code), skill.Code));
}
