using Community.Web.SignIn;

namespace Community.Unit.Tests.Web;

public sealed class TokenRefreshTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-29T08:30:00.0000000+00:00", false)]
    [InlineData("2026-11-29T08:02:30.0000000+00:00", false)]
    [InlineData("2026-11-29T08:01:59.0000000+00:00", true)]
    [InlineData("2026-11-29T07:59:00.0000000+00:00", true)]
    [InlineData(null, true)]
    [InlineData("not a time", true)]
    public void A_token_is_renewed_two_minutes_before_it_runs_out_or_when_its_expiry_is_unknown(string? expiresAt, bool due) =>
        Assert.Equal(due, TokenRefresh.IsDue(expiresAt, Now));

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(503, false)]
    public void Only_a_refused_grant_or_client_ends_the_session_not_a_busy_or_failing_provider(int status, bool ends) =>
        Assert.Equal(ends, TokenRefresh.EndsSession((System.Net.HttpStatusCode)status));
}
