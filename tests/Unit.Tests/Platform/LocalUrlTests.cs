using Community.ServiceDefaults.Http;

namespace Community.Unit.Tests.Platform;

/// <summary>After signing in (at the provider or the web app) a page goes back only into the same app.</summary>
public sealed class LocalUrlTests
{
    [Theory]
    [InlineData("/connect/authorize?client_id=x", true)]
    [InlineData("/my/registrations", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    // A browser drops a tab or a line break: "/%09/evil.example" in a link would be "//evil.example" to it.
    [InlineData("/\t/evil.example/", false)]
    [InlineData("/my\nLocation: https://evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_a_path_of_the_same_app_is_local(string? url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));
}
