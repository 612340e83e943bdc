using Community.ServiceDefaults.Http;

namespace Community.Unit.Tests.Platform;

public sealed class PagingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(PageRequest.MaxPage + 1)]
    [InlineData(int.MaxValue)]
    public void A_page_number_out_of_range_is_a_field_error_not_an_overflowing_offset(int page)
    {
        var errors = new FieldErrors();
        var request = PageRequest.From(page, PageRequest.MaxSize, errors);

        Assert.True(errors.Any);
        Assert.True(request.Skip >= 0);
    }

    [Fact]
    public void The_last_allowed_page_still_has_a_positive_offset()
    {
        var errors = new FieldErrors();
        var request = PageRequest.From(PageRequest.MaxPage, PageRequest.MaxSize, errors);

        Assert.False(errors.Any);
        Assert.Equal((PageRequest.MaxPage - 1) * PageRequest.MaxSize, request.Skip);
    }
}
