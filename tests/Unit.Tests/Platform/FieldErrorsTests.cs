using Community.ServiceDefaults.Http;

namespace Community.Unit.Tests.Platform;

public sealed class FieldErrorsTests
{
    [Theory]
    [InlineData("王阿姨\0", true)]
    [InlineData("a\u0007b", true)]
    [InlineData("第一行\n第二行\t缩进", false)]
    [InlineData("普通的名字", false)]
    public void Text_with_control_characters_is_refused_before_any_work_but_line_breaks_are_text(string value, bool refused)
    {
        Assert.Equal(refused, new FieldErrors().Require("name", value, 50).Any);
        Assert.Equal(refused, new FieldErrors().Optional("comment", value, 50).Any);
    }
}
