using Community.Identity.Erasure;

namespace Community.Unit.Tests.Identity;

public sealed class ErasureRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_request_is_complete_only_once_every_service_holding_personal_data_has_answered()
    {
        var request = ErasureRequest.Create(Guid.NewGuid(), Now);
        foreach (var service in ErasureRequest.Services.SkipLast(1))
        {
            Assert.True(request.Answer(service, 3, Now, Now));
            Assert.Null(request.CompletedAt);
        }

        Assert.True(request.Answer(ErasureRequest.Services[^1], 0, Now, Now.AddMinutes(1)));
        Assert.Equal(Now.AddMinutes(1), request.CompletedAt);
    }

    [Fact]
    public void A_repeated_answer_or_one_from_a_service_not_asked_changes_nothing()
    {
        var request = ErasureRequest.Create(Guid.NewGuid(), Now);
        Assert.True(request.Answer("grid", 2, Now, Now));
        Assert.False(request.Answer("grid", 5, Now, Now));
        Assert.False(request.Answer("web", 1, Now, Now));

        var answer = Assert.Single(request.Answers);
        Assert.Equal(("grid", 2), (answer.Service, answer.Records));
        Assert.Null(request.CompletedAt);
    }

    [Fact]
    public void An_erased_account_keeps_only_its_id_and_can_never_sign_in_again()
    {
        var account = Community.Identity.Accounts.Account.Create("13800004444", "沈阿姨", Now);
        account.PasswordHash = "hash";
        var (stamp, concurrency) = (account.SecurityStamp, account.ConcurrencyStamp);

        account.Erase(Now);

        // A new security stamp ends the provider's own session; a new concurrency stamp makes a racing update fail.
        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.NotEqual(concurrency, account.ConcurrencyStamp);
        Assert.Equal((DateTimeOffset?)Now, account.ErasedAt);
        Assert.Equal((null, null, true), (account.PhoneNumber, account.PasswordHash, account.IsDisabled));
        Assert.DoesNotContain("13800004444", account.UserName);
        Assert.Equal(Community.Identity.Accounts.Account.ErasedName, account.DisplayName);
    }
}
