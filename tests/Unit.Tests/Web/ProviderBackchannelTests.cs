using Community.Web.SignIn;

namespace Community.Unit.Tests.Web;

public sealed class ProviderBackchannelTests
{
    private static readonly Uri Gateway = new("http://localhost:5200");
    private static readonly Uri Provider = new("http://localhost:5210");

    [Theory]
    [InlineData("http://localhost:5200/connect/token", "http://localhost:5210/connect/token")]
    [InlineData("http://localhost:5200/.well-known/jwks?x=1", "http://localhost:5210/.well-known/jwks?x=1")]
    [InlineData("http://LOCALHOST:5200/connect/token", "http://localhost:5210/connect/token")]
    public void The_back_channel_goes_to_the_provider_directly(string request, string expected) =>
        Assert.Equal(new Uri(expected), ProviderBackchannel.Direct(new Uri(request), Gateway, Provider));

    [Theory]
    [InlineData("http://localhost:5200/.well-known/openid-configuration")]
    [InlineData("http://localhost:5201/connect/token")]
    [InlineData("https://localhost:5200/connect/token")]
    [InlineData("http://elsewhere:5200/connect/token")]
    public void Discovery_and_other_addresses_are_left_as_they_are(string request) =>
        Assert.Null(ProviderBackchannel.Direct(new Uri(request), Gateway, Provider));

    [Fact]
    public void An_authority_under_a_path_keeps_the_rest_of_the_path()
    {
        var authority = new Uri("https://community.example/id/");
        Assert.Equal(new Uri("http://identity:8080/connect/token"),
            ProviderBackchannel.Direct(new Uri("https://community.example/id/connect/token"), authority, new Uri("http://identity:8080")));
        Assert.Null(ProviderBackchannel.Direct(new Uri("https://community.example/api/x"), authority, new Uri("http://identity:8080")));
        Assert.Null(ProviderBackchannel.Direct(new Uri("https://community.example/id/.well-known/openid-configuration"), authority, new Uri("http://identity:8080")));
    }
}
